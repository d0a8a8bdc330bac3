/// The web UI's Mustache templates: a layout and one body per page. Values are escaped by Mustache (`{{x}}`);
/// only the rendered body goes into the layout unescaped.
enum PageTemplates {
    static let layout = """
        <!doctype html><html lang="nl"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>{{title}} · LedgerOps</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
        header{background:#1d2430;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
        header a{color:#cfe0ff;text-decoration:none}header .who{margin-left:auto;font-size:.9em}
        main{padding:1rem;max-width:1100px;margin:auto}h1{font-size:1.4rem}
        table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:1.2rem}
        th,td{padding:.35rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:.8rem}
        .tile{background:#fff;border-radius:6px;padding:.7rem;box-shadow:0 1px 2px #0001}
        .tile h2{font-size:1rem;margin:.1rem 0 .5rem}.tile a{display:flex;justify-content:space-between;color:inherit;text-decoration:none;padding:.15rem 0}
        .hot{color:#b3261e;font-weight:600}.ok{color:#2e7d32}.muted{color:#667}
        .status{padding:.1rem .4rem;border-radius:4px;background:#e8edf3;font-size:.85em}
        .Synced{background:#dff3e3}.OutOfSync{background:#fff1c9}.Drifted{background:#fde2cf}.Conflict,.Blocked{background:#f9d2d0}
        .old{background:#fde8e7}.new{background:#e4f6e7}details{background:#fff;margin:.4rem 0;padding:.4rem .6rem;border-radius:6px}
        form.inline{display:inline}button{padding:.35rem .8rem}textarea{width:100%}
        @media (max-width:600px){th,td{padding:.25rem}main{padding:.5rem}}
        </style></head><body>
        <header><strong>LedgerOps</strong>{{#user}}<a href="/monitor">Monitor</a><a href="/clusters">Clusters</a>
        <a href="/proposals">Proposals</a><a href="/groups">Groups</a><a href="/audit">Audit</a>
        <span class="who">{{user}} ({{role}}) <form class="inline" method="post" action="/logout">
        <input type="hidden" name="_csrf" value="{{csrf}}"><button>Sign out</button></form></span>{{/user}}</header>
        <main>{{{body}}}</main></body></html>
        """

    static let groups = """
        <h1>Groups</h1><table><thead><tr><th>group</th><th>parent</th><th class="n">members</th><th>currency</th></tr></thead>
        <tbody>{{#groups}}<tr><td><a href="/groups/{{name}}">{{title}}</a></td><td>{{parent}}</td><td class="n">{{members}}</td>
        <td>{{currency}}</td></tr>{{/groups}}</tbody></table>{{^groups}}<p class="muted">No groups in the template repository.</p>{{/groups}}
        """

    /// A consolidation: statements with a column per entity, then every elimination with its sources, the
    /// translation reserves computed two ways, and what did not match.
    static let consolidation = """
        <h1>{{title}}</h1><p class="muted">{{from}} – {{to}} · {{currency}} · group file at {{revision}}</p>
        <form method="get"><label>Period <input name="period" value="{{period}}" placeholder="2026, 2026-Q3, 2026-09"></label>
        <button>Show</button> <a href="/api/v1/groups/{{group}}/consolidation?period={{period}}">JSON</a></form>
        {{#statements}}<h2>{{title}}</h2><div style="overflow-x:auto"><table><thead><tr><th></th>
        {{#columnNames}}<th class="n">{{.}}</th>{{/columnNames}}</tr></thead><tbody>
        {{#rows}}<tr{{#subtotal}} style="font-weight:600"{{/subtotal}}><td>{{label}}</td>{{#cells}}<td class="n">{{.}}</td>{{/cells}}</tr>{{/rows}}
        </tbody></table></div>{{/statements}}
        <p>Result attributable to the owners of the parent: <strong>{{owners}}</strong>; to non-controlling interests:
        <strong>{{nci}}</strong></p>
        <h2>Eliminations</h2>{{#eliminations}}<details><summary>{{description}}</summary><table><tbody>
        {{#lines}}<tr><td>{{account}} {{name}}</td><td class="n">{{text}}</td><td class="muted">{{note}}</td></tr>{{/lines}}
        </tbody></table><ul>{{#sources}}<li class="muted">{{.}}</li>{{/sources}}</ul></details>{{/eliminations}}
        {{^eliminations}}<p class="muted">None.</p>{{/eliminations}}
        <h2>Translation</h2>{{#translations}}<details open><summary>{{entity}} ({{currency}}): reserve {{texts.reserve}}</summary>
        <p>Movement {{texts.movement}} (from {{texts.reserveAtStart}}). Explained: opening net assets {{texts.openingNetAssets}}
        retranslated from {{texts.openingRate}} to the closing rate {{texts.fromOpeningNetAssets}}, plus the year's result and
        other equity movements at closing instead of average rates {{texts.fromMovements}}: {{texts.explained}}.</p>
        <table><thead><tr><th>account</th><th class="n">balance</th><th>method</th><th>rates</th><th class="n">{{currency}}</th></tr></thead>
        <tbody>{{#lines}}<tr><td>{{account}} {{name}}</td><td class="n">{{balance}}</td><td>{{method}}</td>
        <td class="muted">{{#rates}}{{.}}<br>{{/rates}}</td><td class="n">{{translated}}</td></tr>{{/lines}}</tbody></table></details>
        {{/translations}}{{^translations}}<p class="muted">All entities report in {{currency}}.</p>{{/translations}}
        <h2>Intercompany differences</h2><ul>{{#mismatches}}<li class="hot">{{text}}</li>{{/mismatches}}</ul>
        {{^mismatches}}<p class="ok">Every intercompany pair matches.</p>{{/mismatches}}
        """

    static let login = """
        <h1>Sign in</h1>{{#error}}<p class="hot">{{error}}</p>{{/error}}
        <form method="post" action="/login"><input type="hidden" name="next" value="{{next}}">
        <p><label>User<br><input name="user" autocomplete="username" required></label></p>
        <p><label>Password<br><input name="password" type="password" autocomplete="current-password" required></label></p>
        <button>Sign in</button></form>
        """

    static let monitor = """
        <h1>Monitor <span class="muted">{{scope}} · {{administrations}} administrations · {{today}}</span></h1>
        <p>{{#scopes}}<a href="/monitor?scope={{name}}">{{#current}}<strong>{{/current}}{{name}}{{#current}}</strong>{{/current}}</a> {{/scopes}}</p>
        <div class="tiles">{{#areas}}<section class="tile"><h2>{{area}}</h2>
        {{#indicators}}<a href="/monitor/{{id}}?scope={{scope}}" title="{{description}}"><span>{{title}}</span>
        <span class="{{#hot}}hot{{/hot}}{{^hot}}ok{{/hot}}">{{exceeding}}</span></a>{{/indicators}}</section>{{/areas}}</div>
        """

    static let drill = """
        <h1>{{title}}</h1><p class="muted">{{description}} — {{count}} administrations exceed it.</p>
        {{#readings}}<details {{#first}}open{{/first}}><summary><a href="/administrations/{{administration}}">{{administration}}</a>
        {{name}} — <span class="hot">{{value}}</span> (threshold {{threshold}})</summary>
        <table>{{#items}}<tr><td>{{reference}}</td><td>{{text}}</td><td>{{date}}</td><td class="n">{{amount}}</td></tr>{{/items}}</table>
        <p class="muted">{{#place}}<a href="{{place}}">Do the work here</a> or: {{/place}}<code>{{action}}</code></p></details>{{/readings}}
        """

    static let clusters = """
        <h1>Clusters</h1><table><tr><th>cluster</th>{{#statuses}}<th class="n">{{.}}</th>{{/statuses}}<th class="n">total</th></tr>
        {{#clusters}}<tr><td><a href="/clusters/{{name}}">{{name}}</a></td>{{#counts}}<td class="n">{{.}}</td>{{/counts}}<td class="n">{{total}}</td></tr>{{/clusters}}</table>
        """

    static let cluster = """
        <h1>Cluster {{name}}</h1><table><tr><th>administration</th><th>status</th><th>since</th><th>responsible</th></tr>
        {{#administrations}}<tr><td><a href="/administrations/{{id}}">{{id}}</a> {{name}}</td><td><span class="status {{status}}">{{status}}</span></td>
        <td>{{since}}</td><td>{{responsible}}</td></tr>{{/administrations}}</table>
        """

    static let proposals = """
        <h1>Proposals</h1><table><tr><th>#</th><th>state</th><th>clusters</th><th>administrations</th><th>proposer</th><th>created</th></tr>
        {{#proposals}}<tr><td><a href="/proposals/{{id}}">{{id}}</a></td><td>{{state}}</td><td>{{clusters}}</td>
        <td class="n">{{affected}}</td><td>{{proposer}}</td><td>{{createdAt}}</td></tr>{{/proposals}}</table>
        """

    static let proposal = """
        <h1>Proposal {{id}} <span class="status">{{state}}</span></h1>
        <p class="muted">{{fromRevision}} → {{toRevision}}{{#branch}} · branch {{branch}}{{/branch}} · proposed by {{proposer}} at {{createdAt}}</p>
        <h2>Commits</h2><table>{{#commits}}<tr><td><code>{{short}}</code></td><td>{{summary}}</td><td>{{author}}</td>
        <td>{{^user}}<span class="hot">unknown author</span>{{/user}}</td></tr>{{/commits}}</table>
        {{#undecided}}<p class="hot">{{undecided}} conflicting or blocked items need a decision before approval.</p>{{/undecided}}
        {{#policy}}<h2>Beleid van cluster {{cluster}}</h2>
        <table><tr><th>onderdeel</th><th>oud</th><th>nieuw</th><th>toelichting</th></tr>
        {{#changes}}<tr><td>{{field}}</td><td class="old">{{old}}</td><td class="new">{{new}}</td><td class="muted">{{note}}</td></tr>{{/changes}}
        </table>{{/policy}}
        <h2>Plan</h2>{{#clusters}}<h3>Cluster {{cluster}}</h3>
        {{#groups}}<details {{#attention}}open{{/attention}}><summary>{{count}} administration(s): {{names}}{{#decision}} — <span class="hot">needs a decision</span>{{/decision}}</summary>
        <table><tr><th>onderdeel</th><th>actie</th><th>veld</th><th>oud</th><th>nieuw</th></tr>
        {{#items}}{{#changes}}<tr><td>{{key}}</td><td>{{action}}</td><td>{{field}}</td><td class="old">{{old}}</td><td class="new">{{new}}</td></tr>{{/changes}}
        {{#reason}}<tr><td colspan="5" class="muted">{{key}}: {{reason}}</td></tr>{{/reason}}
        {{#decide}}<tr><td colspan="5">{{#administrations}}<form class="inline" method="post" action="/proposals/{{id}}/decisions">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="administration" value="{{.}}">
        <input type="hidden" name="item" value="{{key}}">{{#conflict}}<button name="take" value="template">{{.}}: take template</button>
        <button name="take" value="local">keep local</button>{{/conflict}}{{^conflict}}<button name="take" value="">{{.}}: acknowledge</button>{{/conflict}}</form> {{/administrations}}</td></tr>{{/decide}}
        {{/items}}</table></details>{{/groups}}{{/clusters}}
        {{#groupChanges}}<h3>Group {{group}} — {{action}}</h3><ul>{{#details}}<li>{{.}}</li>{{/details}}</ul>
        <p class="muted">Consolidation reads the group as changed here once this proposal is distributed.</p>{{/groupChanges}}
        <h2>Reviews</h2><ul>{{#reviews}}<li>{{reviewer}}: {{#approve}}approved{{/approve}}{{^approve}}rejected{{/approve}} — {{comment}}</li>{{/reviews}}</ul>
        {{#canReview}}<form method="post" action="/proposals/{{id}}/review"><input type="hidden" name="_csrf" value="{{csrf}}">
        <p><textarea name="comment" rows="2" placeholder="comment" required></textarea></p>
        <button name="approve" value="true">Approve</button> <button name="approve" value="false">Reject</button></form>{{/canReview}}
        {{#canDistribute}}<form method="post" action="/proposals/{{id}}/distribute"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button>Distribute</button></form>{{/canDistribute}}
        {{#progress}}<p>Distribution: {{state}} — {{applied}} applied, {{failed}} failed, {{conflicts}} conflict, {{pending}} pending, {{skipped}} skipped</p>
        {{#reason}}<p class="reason">{{reason}}</p>{{/reason}}
        {{#hasFailures}}<ul class="failures">{{#failures}}<li>{{administration}}: {{message}}</li>{{/failures}}</ul>{{/hasFailures}}{{/progress}}
        """

    static let administration = """
        <h1>{{id}} <span class="muted">{{name}}</span> <span class="status {{status}}">{{status}}</span></h1>
        <p class="muted">cluster {{cluster}} · responsible {{responsible}} · applied revision <code>{{revision}}</code></p>
        <p>Reports: {{#reports}}<a href="/administrations/{{id}}/reports/{{kind}}?period={{period}}">{{label}}</a> · {{/reports}}
        <a href="/administrations/{{id}}/reports/profit-and-loss?period={{period}}&budget=1">budget against actual</a> ·
        <a href="/administrations/{{id}}/budgets">budgets</a> · <a href="/administrations/{{id}}/bank">bank</a> ·
        <a href="/administrations/{{id}}/import">import an audit file</a></p>
        <h2>Revenue and result per month</h2>{{{chart}}}
        <h2>Trial balance {{period}}</h2><table><tr><th>account</th><th>name</th><th class="n">closing</th></tr>
        {{#rows}}<tr><td>{{account}}</td><td>{{name}}</td><td class="n">{{closing}}</td></tr>{{/rows}}</table>
        <h2>Open items</h2><table><tr><th>relation</th><th>invoice</th><th>due</th><th class="n">outstanding</th></tr>
        {{#items}}<tr><td>{{relation}}</td><td>{{invoice}}</td><td>{{due}}</td><td class="n">{{amount}}</td></tr>{{/items}}</table>
        <h2>Applied revisions</h2><ul>{{#history}}<li><code>{{.}}</code></li>{{/history}}</ul>
        """

    /// Uploading an audit file: XAF (with a dry run) or SAF-T; all or nothing.
    static let importPage = """
        <h1>Import into {{id}}</h1>
        {{#file}}<h2>{{file}}</h2>{{/file}}{{#error}}<p class="hot">{{error}}</p><p class="muted">Nothing was written.</p>{{/error}}
        <ul>{{#lines}}<li>{{.}}</li>{{/lines}}</ul>
        <form method="post" action="/administrations/{{id}}/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <p><label>Format <select name="format"><option value="xaf">XAF 3.1 / 3.2</option><option value="saft">SAF-T Financial (NO)</option>
        </select></label></p><p><input type="file" name="file" required></p>
        <p><label><input type="checkbox" name="dry"> dry run (XAF: show counts, totals and unmapped accounts; write nothing)</label><br>
        <label><input type="checkbox" name="suspense"> SAF-T: post an opening-balance difference to suspense</label></p>
        <button>Import</button></form>
        """

    /// An administration's budget versions, and one of them per account and month (revenue positive).
    /// The bank lines of an administration: to process (with matching's proposal or reason), then recent ones.
    static let bank = """
        <h1>Bank <span class="muted">{{id}}</span></h1>{{#done}}<p class="ok">{{done}}</p>{{/done}}{{#error}}<p class="hot">{{error}}</p>{{/error}}
        <form method="post" action="/administrations/{{id}}/bank/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="file" name="file" required>
        <label>bank account <input name="account" size="6" placeholder="10201"></label>
        <label><input type="checkbox" name="match" checked> match after import</label> <button>Import statement (CAMT / MT940)</button></form>
        <h2>To process: {{count}}</h2>{{#matchable}}<form method="post" action="/administrations/{{id}}/bank/match">
        <input type="hidden" name="_csrf" value="{{csrf}}"><button>Match and post the {{matchable}} that match</button></form>{{/matchable}}
        <table><tr><th>#</th><th>date</th><th class="n">amount</th><th>counterparty</th><th>description</th><th>matching</th><th>by hand</th></tr>
        {{#toProcess}}<tr id="line-{{line}}"><td>{{line}}</td><td>{{date}}</td><td class="n">{{amount}}</td><td>{{counterparty}}<br><small class="muted">{{iban}}</small></td>
        <td>{{description}}</td><td>{{#proposal}}<span class="ok">{{proposal}}</span>{{/proposal}}<span class="muted">{{reason}}</span></td>
        <td><form method="post" action="/administrations/{{id}}/bank/{{line}}/post"><input type="hidden" name="_csrf" value="{{csrf}}">
        <input name="invoices" size="12" placeholder="invoice(s)"> <input name="rest" size="5" placeholder="rest acct"><br>
        or <input name="account" size="5" placeholder="account"> <input name="vatCode" size="4" placeholder="VAT"> <button>Post</button></form></td></tr>{{/toProcess}}
        </table>{{^toProcess}}<p class="muted">Nothing to process.</p>{{/toProcess}}
        <h2>Recently processed</h2><table>{{#processed}}<tr><td>{{line}}</td><td>{{date}}</td><td class="n">{{amount}}</td>
        <td>{{counterparty}}</td><td>{{description}}</td><td>{{processed}}</td></tr>{{/processed}}</table>
        """

    static let budgets = """
        <h1>Budgets <span class="muted">{{id}}</span></h1>
        <table><tr><th>year</th><th>version</th><th>basis</th><th>steering</th></tr>
        {{#versions}}<tr><td>{{year}}</td><td><a href="/administrations/{{id}}/budgets?{{query}}">{{version}}</a></td><td>{{basis}}</td>
        <td>{{#active}}yes{{/active}}</td></tr>{{/versions}}</table>{{^versions}}<p class="muted">No budgets yet:
        <code>ledgerops budget create {{id}} "VERSION" --year YEAR --from-actuals YEAR</code></p>{{/versions}}
        {{#shown}}<h2>{{version}} {{year}}</h2><div style="overflow-x:auto"><table><tr><th>account</th><th>name</th>
        <th class="n">1</th><th class="n">2</th><th class="n">3</th><th class="n">4</th><th class="n">5</th><th class="n">6</th>
        <th class="n">7</th><th class="n">8</th><th class="n">9</th><th class="n">10</th><th class="n">11</th><th class="n">12</th>
        <th class="n">year</th></tr>{{#rows}}<tr><td>{{account}}</td><td>{{name}}</td>{{#cells}}<td class="n">{{.}}</td>{{/cells}}</tr>{{/rows}}
        </table></div>{{/shown}}
        """

    static let report = """
        <h1>{{title}} <span class="muted">{{administration}} · {{period}}</span></h1>
        <table><tr><th></th>{{#columns}}<th class="n">{{.}}</th>{{/columns}}</tr>
        {{#rows}}<tr><td>{{#subtotal}}<strong>{{/subtotal}}{{label}}{{#subtotal}}</strong>{{/subtotal}}</td>{{#cells}}<td class="n">{{.}}</td>{{/cells}}</tr>{{/rows}}</table>
        """

    static let audit = """
        <h1>Audit log <span class="{{#intact}}ok{{/intact}}{{^intact}}hot{{/intact}}">{{verdict}}</span></h1>
        <table><tr><th>#</th><th>time</th><th>actor</th><th>action</th><th>subject</th></tr>
        {{#records}}<tr><td>{{seq}}</td><td>{{time}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{subject}}</td></tr>{{/records}}</table>
        """
}
