import ArgumentParser

/// `hub`: builds the RecoveryHub site. The commands are thin: they parse arguments, call
/// the build, print what it reports and map the outcome to an exit status.
@main
struct Hub: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Build the RecoveryHub mental-health recovery site from Markdown.",
        version: version,
        subcommands: [BuildCommand.self, CheckCommand.self, RenderCommand.self, ServeCommand.self, NewCommand.self],
        defaultSubcommand: nil
    )
}
