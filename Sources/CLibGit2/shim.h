#ifndef LEDGEROPS_CLIBGIT2_SHIM_H
#define LEDGEROPS_CLIBGIT2_SHIM_H

#include <git2.h>

/// git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option we set.
static inline int ledgerops_git_disable_owner_validation(void) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

#endif
