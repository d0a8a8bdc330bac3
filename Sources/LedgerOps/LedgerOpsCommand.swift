import ArgumentParser

/// `ledgerops`: GitOps for the administrations of an accounting bureau.
@main
struct LedgerOpsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgerops",
        abstract: "GitOps for the administrations of an accounting bureau.",
        subcommands: [
            Init.self, Demo.self, Run.self, Admin.self, RelationCommand.self, Post.self, Reverse.self,
            ReportCommand.self, LedgerCommand.self, OpenItems.self, PeriodCommand.self, YearCommand.self,
            CloseYear.self, ExportCommand.self, ImportCommand.self, TemplateCommand.self, AccountCommand.self,
            SettingCommand.self, ReconcileCommand.self, StatusCommand.self, DiffCommand.self, UserCommand.self,
            AuditCommand.self, ProposeCommand.self, ProposalsCommand.self, ProposalCommand.self,
            ReviewCommand.self, DistributeCommand.self, DistributionCommand.self, RollbackCommand.self,
            FigureCommand.self, AssetCommand.self, MonitorCommand.self, ServeCommand.self, ConsolidateCommand.self,
            GroupCommand.self, RateCommand.self, BudgetCommand.self, BankCommand.self, SyncCommand.self,
        ])
}
