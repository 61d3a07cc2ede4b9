# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mailconn_global_optspecs
    string join \n p/profile= config= json color= q/quiet v/verbose no-input h/help V/version
end

function __fish_mailconn_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mailconn_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mailconn_using_subcommand
    set -l cmd (__fish_mailconn_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mailconn -n "__fish_mailconn_needs_command" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_needs_command" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_needs_command" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_needs_command" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_needs_command" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_needs_command" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_needs_command" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_needs_command" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_needs_command" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "profile" -d 'Manage connection profiles (non-secret settings in the config file)'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "credentials" -d 'Store, show and remove a profile\'s client secret, certificate or federated token file'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "login" -d 'Sign in: interactively for delegated profiles, with the stored credential for app-only'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "logout" -d 'Forget the profile\'s stored tokens'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "auth" -d 'The state of the profile\'s sign-in'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "test-connection" -d 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "send-test-message" -d 'Send a tagged test message from the profile\'s mailbox through Graph; optionally wait until it arrives'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "import" -d 'Import the folder\'s new mail once: tickets, post-actions, processing log (cron-safe)'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "log" -d 'Inspect the processing log: every message the import has seen and what became of it'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "status" -d 'Every mailbox folder of the store: which worker holds it, its last pass, what is left'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "tickets" -d 'The embedded ticket store, the import\'s default sink'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "rules" -d 'Check the import\'s rules file'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "demo" -d 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "subscription" -d 'Graph change-notification subscriptions on the profile\'s mailbox folders'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "webhook" -d 'Receive Graph\'s change notifications and import on each'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "serve" -d 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "completions" -d 'Print or write shell completion scripts'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "man" -d 'Print or write man pages'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "emulator" -d 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests'
complete -c mailconn -n "__fish_mailconn_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "add" -d 'Add a profile (prompts for missing values when interactive)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "list" -d 'List the profiles of the config file'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "show" -d 'Show the effective settings of a profile and where each value comes from'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "remove" -d 'Remove a profile'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "use" -d 'Make a profile the default'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile (the first profile always becomes the default)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace a profile of the same name'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -l keep-credentials -d 'Leave the profile\'s secrets and tokens where they are'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile (prompts for missing values when interactive)'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles of the config file'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the effective settings of a profile and where each value comes from'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default'
complete -c mailconn -n "__fish_mailconn_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -f -a "set" -d 'Store a credential for the profile (the secret goes to the OS keyring)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -f -a "show" -d 'Show where each credential lives and what is known about it (never the secret)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -f -a "remove" -d 'Remove a credential from its store and forget it'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and not __fish_seen_subcommand_from set show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -f -a "client-secret" -d 'Client secret of the app registration (its Value, not its Secret ID)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -f -a "certificate" -d 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -f -a "federated-token-file" -d 'Path of a federated (workload identity) token file; a path, not a secret'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -f -a "store-password" -d 'Password of the PostgreSQL role the profile\'s shared store (store_url) signs in as, for hosts without a PGPASSFILE'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from set" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "set" -d 'Store a credential for the profile (the secret goes to the OS keyring)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show where each credential lives and what is known about it (never the secret)'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a credential from its store and forget it'
complete -c mailconn -n "__fish_mailconn_using_subcommand credentials; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l device-code -d 'Sign in with a code entered on another device (the default without a usable browser: no terminal, SSH, --no-input, no display)'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l browser -d 'Sign in with a browser on this machine (authorization code with PKCE)'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l insecure-storage -d 'Keep the tokens in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand login" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand logout" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Where each secret lives, what the token grants, and what expires when'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -l fail-within -d 'Exit with code 4 when a client secret, certificate or refresh token expires within DUR (e.g. 14d, 12h, 2w)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Where each secret lives, what the token grants, and what expires when'
complete -c mailconn -n "__fish_mailconn_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l junit -d 'Write the result as JUnit XML (one testcase per step) for CI dashboards' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l write-check -d 'Also check a reversible write: create a draft and delete it (needs Mail.ReadWrite)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l send-check -d 'Also send a tagged test message to the mailbox itself (needs Mail.Send)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l cached-token -d 'Reuse a cached access token instead of asking Entra for a new one. Cheaper for frequent checks, but then a rotated or revoked secret goes unnoticed until the cached token expires (up to about 90 minutes)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand test-connection" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l to -d 'Recipient (repeatable); default: the profile\'s mailbox itself' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l cc -d 'Carbon-copy recipient (repeatable)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l from -d 'Send as, or on behalf of, this mailbox (needs Send As / Send on Behalf)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l subject -d 'Subject; a unique tag is appended' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l body -d 'Body text' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l body-file -d 'Read the body from FILE' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l attach -d 'Attach files (repeatable); over 3 MB in total they go through a draft, and files over 3 MB through upload sessions' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l max-attachments-size -d 'Refuse, before sending, when the attachments total more than MB megabytes' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l verify-delivery -d 'Wait up to DUR (e.g. 60s, 5m) for the message in the recipient\'s Inbox and report the delivery latency; exit 1 when it does not arrive in time' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l plain -d 'Send the body as plain text instead of HTML'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l no-save -d 'Do not keep a copy in Sent Items'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand send-test-message" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l post-action -d 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile\'s [import] post_action, else none' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l rules -d 'Rules file. Default: the profile\'s [import] rules, else the built-in rules' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l backlog -d 'First run on a folder that already holds mail: import all of it, or none of it (only mail arriving from now on)' -r -f -a "all\t''
none\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l since -d 'First run: import only mail received on or after DATE (2026-11-01 or RFC 3339)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l profiles -d 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l max-connections -d 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange\'s own limit of 4)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l create-folder -d 'Create the move:FOLDER destination if it does not exist'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l confirm-permanent-delete -d 'Confirm post-action permanent-delete (users cannot recover such mail)'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l wait -d 'When another run holds this folder, wait for it instead of exiting with code 7'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l dry-run -d 'Show what would happen (decision and rule per message); write nothing, touch nothing'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l explain -d 'Print each message\'s decision and the rule that made it'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l all -d 'Import every profile\'s mailbox side by side in this process'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand import" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "list" -d 'List log entries, newest first'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "show" -d 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "retry" -d 'Import failed entries again now, and finish their unfinished post-actions'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "export" -d 'Print entries with their attempts as JSON lines (one object per line)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "prune" -d 'Forget old history; entries that still guard against a re-import are kept'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and not __fish_seen_subcommand_from list show retry export prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l status -d 'Only entries in this state: imported, ignored or failed' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l since -d 'Only entries updated within this span, e.g. 1h or 7d' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l sender -d 'Only senders whose address contains this text (case-insensitive)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l subject -d 'Only subjects that contain this text (case-insensitive)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l limit -d 'At most this many entries' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l this-profile -d 'Only entries of the selected profile (-p); all profiles otherwise'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l post-action -d 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile\'s [import] post_action, else none' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l rules -d 'Rules file. Default: the profile\'s [import] rules, else the built-in rules' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l failed -d 'Every failed import and unfinished post-action of the profile\'s folder, however often it failed before'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l create-folder -d 'Create the move:FOLDER destination if it does not exist'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l confirm-permanent-delete -d 'Confirm post-action permanent-delete (users cannot recover such mail)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l wait -d 'When another run holds this folder, wait for it instead of exiting with code 7'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from retry" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l status -d 'Only entries in this state: imported, ignored or failed' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l since -d 'Only entries updated within this span, e.g. 30d' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l this-profile -d 'Only entries of the selected profile (-p); all profiles otherwise'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -l older-than -d 'Forget history last touched longer ago than this, e.g. 90d' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "list" -d 'List log entries, newest first'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Import failed entries again now, and finish their unfinished post-actions'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print entries with their attempts as JSON lines (one object per line)'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Forget old history; entries that still guard against a re-import are kept'
complete -c mailconn -n "__fish_mailconn_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand status" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List tickets, most recently updated first'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show a ticket with its messages and attachments'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -l limit -d 'At most this many tickets' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tickets, most recently updated first'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a ticket with its messages and attachments'
complete -c mailconn -n "__fish_mailconn_using_subcommand tickets; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
complete -c mailconn -n "__fish_mailconn_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -l emulator -d 'Use the embedded emulator even when a tenant is configured'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand demo" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -f -a "create" -d 'Subscribe to new mail in the profile\'s folder: Graph calls --notification-url'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -f -a "renew" -d 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -f -a "cancel" -d 'Delete subscriptions at Graph and here; one that is already gone is not an error'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -f -a "list" -d 'The profile\'s subscriptions, here and at Graph, with drift and time to expiry'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and not __fish_seen_subcommand_from create renew cancel list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l notification-url -d 'Where Graph posts notifications: https (plain http only on loopback, for tests). It must answer Graph\'s validation request within 10 s (`mailconn webhook serve` and `mailconn serve` do)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l lifecycle-url -d 'Where Graph posts lifecycle events (reauthorization, removal, missed notifications); cannot be added later. The receiver\'s URL again is fine' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l cloud -d 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom' -r -f -a "global\t'Worldwide, including Microsoft 365 GCC'
usgov\t'US Government L4 (GCC High)'
usgov-dod\t'US Government L5 (DoD)'
china\t'China, operated by 21Vianet'
custom\t'Explicit authority_host and graph_endpoint (e.g. the local emulator)'"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l authority-host -d 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l graph-endpoint -d 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l graph-resource -d 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud\'s Graph; set it only when a custom endpoint serves another resource)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l tenant -d 'Directory (tenant) id or a domain of the tenant' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l client-id -d 'Application (client) id of the Entra app registration' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l auth -d 'How to sign in' -r -f -a "client-secret\t'App-only: client credentials with a client secret'
certificate\t'App-only: client credentials with a certificate (signed JWT assertion)'
federated\t'App-only: client credentials with a federated (workload identity) token'
device-code\t'Delegated: device code flow (for terminals without a browser)'
browser\t'Delegated: browser sign-in, authorization code with PKCE'"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l assertion -d 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)' -r -f -a "ps256\t'PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today'
rs256\t'RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it'"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l mailbox -d 'Mailbox address (shared mailboxes included) or user object id' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l folder -d 'Folder path in the mailbox, e.g. Inbox/Support (`\\/` for a slash in a name)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l within -d 'Only those expiring within this span, e.g. 2d (default: renew whatever is selected)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l all -d 'Every subscription of the profile'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -l all -d 'Every subscription recorded for the profile (never ones only Graph knows: another tool may own those)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -l expiring-within -d 'Exit 1 when a subscription expires within this span (e.g. 1d) or Graph no longer has a recorded one: for monitoring' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "create" -d 'Subscribe to new mail in the profile\'s folder: Graph calls --notification-url'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Delete subscriptions at Graph and here; one that is already gone is not an error'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "list" -d 'The profile\'s subscriptions, here and at Graph, with drift and time to expiry'
complete -c mailconn -n "__fish_mailconn_using_subcommand subscription; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Receive Graph\'s notifications for the profile\'s subscriptions and import on each'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l listen -d 'Address and port to listen on (port 0: a free one, named in the ready line)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l tls-cert -d 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l max-body -d 'Largest request body accepted, in bytes; larger ones get 413' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l renew-within -d 'Renew a subscription when it expires within this span' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l renew-check -d 'How often to look for subscriptions to renew' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l backlog -d 'Passed to imports, for a folder\'s first import: take the mail already there (all) or only what arrives from now on (none)' -r -f -a "all\t''
none\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l import-timeout -d 'An import running longer than this is stopped' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l no-catch-up -d 'Skip the catch-up import of every subscribed folder at start'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Receive Graph\'s notifications for the profile\'s subscriptions and import on each'
complete -c mailconn -n "__fish_mailconn_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l profiles -d 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l max-connections -d 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange\'s own limit of 4)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l listen -d 'Address and port to listen on (port 0: a free one, named in the ready line)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l tls-cert -d 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l tls-key -d 'PEM private key of --tls-cert' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l max-body -d 'Largest request body accepted, in bytes; larger ones get 413' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l renew-within -d 'Renew a subscription when it expires within this span' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l renew-check -d 'How often to look for subscriptions to renew' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l poll-interval -d 'Time between scheduled imports of a profile\'s folder when its [import] poll_interval does not say; each wait is moved by up to 10% either way' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l backlog -d 'For a folder\'s first import: take the mail already there (all) or only what arrives from now on (none). Without it such a folder is refused until `mailconn import --backlog` has run once' -r -f -a "all\t''
none\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l all -d 'Import every profile\'s mailbox side by side in this process'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l confirm-permanent-delete -d 'Confirm the permanent-delete post-action of the profiles that use it (users cannot recover such mail); without it the worker asks at start, or refuses without a terminal'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand serve" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -l out-dir -d 'Write the scripts into DIR instead of printing (all shells unless SHELL is given)' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand completions" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -l out-dir -d 'Write one page per command into DIR instead of printing the main page' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand man" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Print help'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on; port 0 picks a free port (see the ready line)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l latency -d 'Delay every response: `50ms`, or `50ms,20ms` for up to 20 ms of extra jitter' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l tenant -d 'Tenant file (TOML, or JSON when it ends in .json); default: the demo tenant' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l data-dir -d 'Directory for generated files (CA, demo certificate); default: a temporary one, removed on exit' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l trust -d 'Also trust these CA certificates (PEM) when calling HTTPS notification URLs' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l seed -d 'Deliver DIR/<mailbox>/<folder path>/*.eml at start, in name order (missing folders are created; files directly under DIR/<mailbox> go to Inbox)' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l state-dir -d 'Keep mailboxes, subscriptions, refresh tokens and signing keys in DIR, saved after every change, so a restart with the same DIR and tenant serves the same ids and accepts the same tokens (--seed then applies only to a fresh DIR)' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -s p -l profile -d 'Profile to use (default: `default_profile` of the config file, or its only profile)' -r
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l config -d 'Config file to read and write' -r -F
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour; `NO_COLOR` turns `auto` off' -r -f -a "auto\t''
always\t''
never\t''"
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l tls -d 'Serve HTTPS with a self-signed certificate written to the ready line\'s `ca_file`'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l json -d 'Print results as JSON on stdout (errors as JSON on stderr)'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only results, warnings and errors'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail at once naming the flag or variable that is missing'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
complete -c mailconn -n "__fish_mailconn_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "profile" -d 'Manage connection profiles (non-secret settings in the config file)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "credentials" -d 'Store, show and remove a profile\'s client secret, certificate or federated token file'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "login" -d 'Sign in: interactively for delegated profiles, with the stored credential for app-only'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "logout" -d 'Forget the profile\'s stored tokens'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "auth" -d 'The state of the profile\'s sign-in'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "test-connection" -d 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "send-test-message" -d 'Send a tagged test message from the profile\'s mailbox through Graph; optionally wait until it arrives'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "import" -d 'Import the folder\'s new mail once: tickets, post-actions, processing log (cron-safe)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "log" -d 'Inspect the processing log: every message the import has seen and what became of it'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "status" -d 'Every mailbox folder of the store: which worker holds it, its last pass, what is left'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "tickets" -d 'The embedded ticket store, the import\'s default sink'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "rules" -d 'Check the import\'s rules file'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "demo" -d 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "subscription" -d 'Graph change-notification subscriptions on the profile\'s mailbox folders'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "webhook" -d 'Receive Graph\'s change notifications and import on each'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "serve" -d 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "completions" -d 'Print or write shell completion scripts'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "man" -d 'Print or write man pages'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "emulator" -d 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and not __fish_seen_subcommand_from profile credentials login logout auth test-connection send-test-message import log status tickets rules demo subscription webhook serve completions man emulator help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Add a profile (prompts for missing values when interactive)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles of the config file'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show the effective settings of a profile and where each value comes from'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a profile'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make a profile the default'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "set" -d 'Store a credential for the profile (the secret goes to the OS keyring)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "show" -d 'Show where each credential lives and what is known about it (never the secret)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from credentials" -f -a "remove" -d 'Remove a credential from its store and forget it'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Where each secret lives, what the token grants, and what expires when'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "list" -d 'List log entries, newest first'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "show" -d 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "retry" -d 'Import failed entries again now, and finish their unfinished post-actions'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "export" -d 'Print entries with their attempts as JSON lines (one object per line)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "prune" -d 'Forget old history; entries that still guard against a re-import are kept'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from tickets" -f -a "list" -d 'List tickets, most recently updated first'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from tickets" -f -a "show" -d 'Show a ticket with its messages and attachments'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "check" -d 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "create" -d 'Subscribe to new mail in the profile\'s folder: Graph calls --notification-url'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "renew" -d 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "cancel" -d 'Delete subscriptions at Graph and here; one that is already gone is not an error'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from subscription" -f -a "list" -d 'The profile\'s subscriptions, here and at Graph, with drift and time to expiry'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "serve" -d 'Receive Graph\'s notifications for the profile\'s subscriptions and import on each'
complete -c mailconn -n "__fish_mailconn_using_subcommand help; and __fish_seen_subcommand_from emulator" -f -a "serve" -d 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
