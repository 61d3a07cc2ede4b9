
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mailconn' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mailconn'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mailconn' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage connection profiles (non-secret settings in the config file)')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'Store, show and remove a profile''s client secret, certificate or federated token file')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: interactively for delegated profiles, with the stored credential for app-only')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the profile''s stored tokens')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'The state of the profile''s sign-in')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit')
            [CompletionResult]::new('send-test-message', 'send-test-message', [CompletionResultType]::ParameterValue, 'Send a tagged test message from the profile''s mailbox through Graph; optionally wait until it arrives')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import the folder''s new mail once: tickets, post-actions, processing log (cron-safe)')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Inspect the processing log: every message the import has seen and what became of it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every mailbox folder of the store: which worker holds it, its last pass, what is left')
            [CompletionResult]::new('tickets', 'tickets', [CompletionResultType]::ParameterValue, 'The embedded ticket store, the import''s default sink')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Check the import''s rules file')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)')
            [CompletionResult]::new('subscription', 'subscription', [CompletionResultType]::ParameterValue, 'Graph change-notification subscriptions on the profile''s mailbox folders')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Receive Graph''s change notifications and import on each')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print or write shell completion scripts')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write man pages')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;profile' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (prompts for missing values when interactive)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles of the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the effective settings of a profile and where each value comes from')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;profile;add' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile (the first profile always becomes the default)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;profile;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;profile;show' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;profile;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--keep-credentials', '--keep-credentials', [CompletionResultType]::ParameterName, 'Leave the profile''s secrets and tokens where they are')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;profile;use' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;profile;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (prompts for missing values when interactive)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles of the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the effective settings of a profile and where each value comes from')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;profile;help;add' {
            break
        }
        'mailconn;profile;help;list' {
            break
        }
        'mailconn;profile;help;show' {
            break
        }
        'mailconn;profile;help;remove' {
            break
        }
        'mailconn;profile;help;use' {
            break
        }
        'mailconn;profile;help;help' {
            break
        }
        'mailconn;credentials' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a credential for the profile (the secret goes to the OS keyring)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where each credential lives and what is known about it (never the secret)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a credential from its store and forget it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;credentials;set' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Client secret of the app registration (its Value, not its Secret ID)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password')
            [CompletionResult]::new('federated-token-file', 'federated-token-file', [CompletionResultType]::ParameterValue, 'Path of a federated (workload identity) token file; a path, not a secret')
            [CompletionResult]::new('store-password', 'store-password', [CompletionResultType]::ParameterValue, 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;credentials;set;client-secret' {
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the secret expires (YYYY-MM-DD, as shown in Entra), so `auth status` can warn')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the secret from stdin instead of a hidden prompt (one trailing newline is dropped)')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Store the secret in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;set;certificate' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from stdin (otherwise MAILCONN_CERTIFICATE_PASSWORD, an empty password, or a hidden prompt)')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Store the secret in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;set;federated-token-file' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;set;store-password' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin instead of a hidden prompt (one trailing newline is dropped)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;set;help' {
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Client secret of the app registration (its Value, not its Secret ID)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password')
            [CompletionResult]::new('federated-token-file', 'federated-token-file', [CompletionResultType]::ParameterValue, 'Path of a federated (workload identity) token file; a path, not a secret')
            [CompletionResult]::new('store-password', 'store-password', [CompletionResultType]::ParameterValue, 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;credentials;set;help;client-secret' {
            break
        }
        'mailconn;credentials;set;help;certificate' {
            break
        }
        'mailconn;credentials;set;help;federated-token-file' {
            break
        }
        'mailconn;credentials;set;help;store-password' {
            break
        }
        'mailconn;credentials;set;help;help' {
            break
        }
        'mailconn;credentials;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;credentials;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a credential for the profile (the secret goes to the OS keyring)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where each credential lives and what is known about it (never the secret)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a credential from its store and forget it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;credentials;help;set' {
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Client secret of the app registration (its Value, not its Secret ID)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password')
            [CompletionResult]::new('federated-token-file', 'federated-token-file', [CompletionResultType]::ParameterValue, 'Path of a federated (workload identity) token file; a path, not a secret')
            [CompletionResult]::new('store-password', 'store-password', [CompletionResultType]::ParameterValue, 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE')
            break
        }
        'mailconn;credentials;help;set;client-secret' {
            break
        }
        'mailconn;credentials;help;set;certificate' {
            break
        }
        'mailconn;credentials;help;set;federated-token-file' {
            break
        }
        'mailconn;credentials;help;set;store-password' {
            break
        }
        'mailconn;credentials;help;show' {
            break
        }
        'mailconn;credentials;help;remove' {
            break
        }
        'mailconn;credentials;help;help' {
            break
        }
        'mailconn;login' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--device-code', '--device-code', [CompletionResultType]::ParameterName, 'Sign in with a code entered on another device (the default without a usable browser: no terminal, SSH, --no-input, no display)')
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'Sign in with a browser on this machine (authorization code with PKCE)')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Keep the tokens in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;logout' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;auth' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where each secret lives, what the token grants, and what expires when')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;auth;status' {
            [CompletionResult]::new('--fail-within', '--fail-within', [CompletionResultType]::ParameterName, 'Exit with code 4 when a client secret, certificate or refresh token expires within DUR (e.g. 14d, 12h, 2w)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where each secret lives, what the token grants, and what expires when')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;auth;help;status' {
            break
        }
        'mailconn;auth;help;help' {
            break
        }
        'mailconn;test-connection' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Write the result as JUnit XML (one testcase per step) for CI dashboards')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--write-check', '--write-check', [CompletionResultType]::ParameterName, 'Also check a reversible write: create a draft and delete it (needs Mail.ReadWrite)')
            [CompletionResult]::new('--send-check', '--send-check', [CompletionResultType]::ParameterName, 'Also send a tagged test message to the mailbox itself (needs Mail.Send)')
            [CompletionResult]::new('--cached-token', '--cached-token', [CompletionResultType]::ParameterName, 'Reuse a cached access token instead of asking Entra for a new one. Cheaper for frequent checks, but then a rotated or revoked secret goes unnoticed until the cached token expires (up to about 90 minutes)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;send-test-message' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient (repeatable); default: the profile''s mailbox itself')
            [CompletionResult]::new('--cc', '--cc', [CompletionResultType]::ParameterName, 'Carbon-copy recipient (repeatable)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Send as, or on behalf of, this mailbox (needs Send As / Send on Behalf)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject; a unique tag is appended')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Body text')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the body from FILE')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach files (repeatable); over 3 MB in total they go through a draft, and files over 3 MB through upload sessions')
            [CompletionResult]::new('--max-attachments-size', '--max-attachments-size', [CompletionResultType]::ParameterName, 'Refuse, before sending, when the attachments total more than MB megabytes')
            [CompletionResult]::new('--verify-delivery', '--verify-delivery', [CompletionResultType]::ParameterName, 'Wait up to DUR (e.g. 60s, 5m) for the message in the recipient''s Inbox and report the delivery latency; exit 1 when it does not arrive in time')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--plain', '--plain', [CompletionResultType]::ParameterName, 'Send the body as plain text instead of HTML')
            [CompletionResult]::new('--no-save', '--no-save', [CompletionResultType]::ParameterName, 'Do not keep a copy in Sent Items')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;import' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('--post-action', '--post-action', [CompletionResultType]::ParameterName, 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile''s [import] post_action, else none')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Rules file. Default: the profile''s [import] rules, else the built-in rules')
            [CompletionResult]::new('--backlog', '--backlog', [CompletionResultType]::ParameterName, 'First run on a folder that already holds mail: import all of it, or none of it (only mail arriving from now on)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'First run: import only mail received on or after DATE (2026-11-01 or RFC 3339)')
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange''s own limit of 4)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--create-folder', '--create-folder', [CompletionResultType]::ParameterName, 'Create the move:FOLDER destination if it does not exist')
            [CompletionResult]::new('--confirm-permanent-delete', '--confirm-permanent-delete', [CompletionResultType]::ParameterName, 'Confirm post-action permanent-delete (users cannot recover such mail)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'When another run holds this folder, wait for it instead of exiting with code 7')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen (decision and rule per message); write nothing, touch nothing')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print each message''s decision and the rule that made it')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Import every profile''s mailbox side by side in this process')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List log entries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Import failed entries again now, and finish their unfinished post-actions')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print entries with their attempts as JSON lines (one object per line)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget old history; entries that still guard against a re-import are kept')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;log;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only entries in this state: imported, ignored or failed')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries updated within this span, e.g. 1h or 7d')
            [CompletionResult]::new('--sender', '--sender', [CompletionResultType]::ParameterName, 'Only senders whose address contains this text (case-insensitive)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Only subjects that contain this text (case-insensitive)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--this-profile', '--this-profile', [CompletionResultType]::ParameterName, 'Only entries of the selected profile (-p); all profiles otherwise')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log;retry' {
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('--post-action', '--post-action', [CompletionResultType]::ParameterName, 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile''s [import] post_action, else none')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Rules file. Default: the profile''s [import] rules, else the built-in rules')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Every failed import and unfinished post-action of the profile''s folder, however often it failed before')
            [CompletionResult]::new('--create-folder', '--create-folder', [CompletionResultType]::ParameterName, 'Create the move:FOLDER destination if it does not exist')
            [CompletionResult]::new('--confirm-permanent-delete', '--confirm-permanent-delete', [CompletionResultType]::ParameterName, 'Confirm post-action permanent-delete (users cannot recover such mail)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'When another run holds this folder, wait for it instead of exiting with code 7')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log;export' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only entries in this state: imported, ignored or failed')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries updated within this span, e.g. 30d')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--this-profile', '--this-profile', [CompletionResultType]::ParameterName, 'Only entries of the selected profile (-p); all profiles otherwise')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Forget history last touched longer ago than this, e.g. 90d')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;log;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List log entries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Import failed entries again now, and finish their unfinished post-actions')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print entries with their attempts as JSON lines (one object per line)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget old history; entries that still guard against a re-import are kept')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;log;help;list' {
            break
        }
        'mailconn;log;help;show' {
            break
        }
        'mailconn;log;help;retry' {
            break
        }
        'mailconn;log;help;export' {
            break
        }
        'mailconn;log;help;prune' {
            break
        }
        'mailconn;log;help;help' {
            break
        }
        'mailconn;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;tickets' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most recently updated first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its messages and attachments')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;tickets;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many tickets')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;tickets;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;tickets;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most recently updated first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its messages and attachments')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;tickets;help;list' {
            break
        }
        'mailconn;tickets;help;show' {
            break
        }
        'mailconn;tickets;help;help' {
            break
        }
        'mailconn;rules' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;rules;check' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;rules;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;rules;help;check' {
            break
        }
        'mailconn;rules;help;help' {
            break
        }
        'mailconn;demo' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--emulator', '--emulator', [CompletionResultType]::ParameterName, 'Use the embedded emulator even when a tenant is configured')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;subscription' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Delete subscriptions at Graph and here; one that is already gone is not an error')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profile''s subscriptions, here and at Graph, with drift and time to expiry')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;subscription;create' {
            [CompletionResult]::new('--notification-url', '--notification-url', [CompletionResultType]::ParameterName, 'Where Graph posts notifications: https (plain http only on loopback, for tests). It must answer Graph''s validation request within 10 s (`mailconn webhook serve` and `mailconn serve` do)')
            [CompletionResult]::new('--lifecycle-url', '--lifecycle-url', [CompletionResultType]::ParameterName, 'Where Graph posts lifecycle events (reauthorization, removal, missed notifications); cannot be added later. The receiver''s URL again is fine')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)')
            [CompletionResult]::new('--graph-resource', '--graph-resource', [CompletionResultType]::ParameterName, 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Directory (tenant) id or a domain of the tenant')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) id of the Entra app registration')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign in')
            [CompletionResult]::new('--assertion', '--assertion', [CompletionResultType]::ParameterName, 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'Mailbox address (shared mailboxes included) or user object id')
            [CompletionResult]::new('--folder', '--folder', [CompletionResultType]::ParameterName, 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;subscription;renew' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Only those expiring within this span, e.g. 2d (default: renew whatever is selected)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every subscription of the profile')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;subscription;cancel' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every subscription recorded for the profile (never ones only Graph knows: another tool may own those)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;subscription;list' {
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Exit 1 when a subscription expires within this span (e.g. 1d) or Graph no longer has a recorded one: for monitoring')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;subscription;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Delete subscriptions at Graph and here; one that is already gone is not an error')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profile''s subscriptions, here and at Graph, with drift and time to expiry')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;subscription;help;create' {
            break
        }
        'mailconn;subscription;help;renew' {
            break
        }
        'mailconn;subscription;help;cancel' {
            break
        }
        'mailconn;subscription;help;list' {
            break
        }
        'mailconn;subscription;help;help' {
            break
        }
        'mailconn;webhook' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Receive Graph''s notifications for the profile''s subscriptions and import on each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;webhook;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0: a free one, named in the ready line)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body accepted, in bytes; larger ones get 413')
            [CompletionResult]::new('--renew-within', '--renew-within', [CompletionResultType]::ParameterName, 'Renew a subscription when it expires within this span')
            [CompletionResult]::new('--renew-check', '--renew-check', [CompletionResultType]::ParameterName, 'How often to look for subscriptions to renew')
            [CompletionResult]::new('--backlog', '--backlog', [CompletionResultType]::ParameterName, 'Passed to imports, for a folder''s first import: take the mail already there (all) or only what arrives from now on (none)')
            [CompletionResult]::new('--import-timeout', '--import-timeout', [CompletionResultType]::ParameterName, 'An import running longer than this is stopped')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--no-catch-up', '--no-catch-up', [CompletionResultType]::ParameterName, 'Skip the catch-up import of every subscribed folder at start')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;webhook;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Receive Graph''s notifications for the profile''s subscriptions and import on each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;webhook;help;serve' {
            break
        }
        'mailconn;webhook;help;help' {
            break
        }
        'mailconn;serve' {
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange''s own limit of 4)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on (port 0: a free one, named in the ready line)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key of --tls-cert')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body accepted, in bytes; larger ones get 413')
            [CompletionResult]::new('--renew-within', '--renew-within', [CompletionResultType]::ParameterName, 'Renew a subscription when it expires within this span')
            [CompletionResult]::new('--renew-check', '--renew-check', [CompletionResultType]::ParameterName, 'How often to look for subscriptions to renew')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Time between scheduled imports of a profile''s folder when its [import] poll_interval does not say; each wait is moved by up to 10% either way')
            [CompletionResult]::new('--backlog', '--backlog', [CompletionResultType]::ParameterName, 'For a folder''s first import: take the mail already there (all) or only what arrives from now on (none). Without it such a folder is refused until `mailconn import --backlog` has run once')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Import every profile''s mailbox side by side in this process')
            [CompletionResult]::new('--confirm-permanent-delete', '--confirm-permanent-delete', [CompletionResultType]::ParameterName, 'Confirm the permanent-delete post-action of the profiles that use it (users cannot recover such mail); without it the worker asks at start, or refuses without a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;completions' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write the scripts into DIR instead of printing (all shells unless SHELL is given)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one page per command into DIR instead of printing the main page')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;emulator' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;emulator;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port (see the ready line)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Delay every response: `50ms`, or `50ms,20ms` for up to 20 ms of extra jitter')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Tenant file (TOML, or JSON when it ends in .json); default: the demo tenant')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Directory for generated files (CA, demo certificate); default: a temporary one, removed on exit')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Also trust these CA certificates (PEM) when calling HTTPS notification URLs')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Deliver DIR/<mailbox>/<folder path>/*.eml at start, in name order (missing folders are created; files directly under DIR/<mailbox> go to Inbox)')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Keep mailboxes, subscriptions, refresh tokens and signing keys in DIR, saved after every change, so a restart with the same DIR and tenant serves the same ids and accepts the same tokens (--seed then applies only to a fresh DIR)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: `default_profile` of the config file, or its only profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to read and write')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `NO_COLOR` turns `auto` off')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve HTTPS with a self-signed certificate written to the ready line''s `ca_file`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results, warnings and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail at once naming the flag or variable that is missing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mailconn;emulator;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;emulator;help;serve' {
            break
        }
        'mailconn;emulator;help;help' {
            break
        }
        'mailconn;help' {
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Manage connection profiles (non-secret settings in the config file)')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'Store, show and remove a profile''s client secret, certificate or federated token file')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: interactively for delegated profiles, with the stored credential for app-only')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the profile''s stored tokens')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'The state of the profile''s sign-in')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit')
            [CompletionResult]::new('send-test-message', 'send-test-message', [CompletionResultType]::ParameterValue, 'Send a tagged test message from the profile''s mailbox through Graph; optionally wait until it arrives')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import the folder''s new mail once: tickets, post-actions, processing log (cron-safe)')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Inspect the processing log: every message the import has seen and what became of it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every mailbox folder of the store: which worker holds it, its last pass, what is left')
            [CompletionResult]::new('tickets', 'tickets', [CompletionResultType]::ParameterValue, 'The embedded ticket store, the import''s default sink')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Check the import''s rules file')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)')
            [CompletionResult]::new('subscription', 'subscription', [CompletionResultType]::ParameterValue, 'Graph change-notification subscriptions on the profile''s mailbox folders')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Receive Graph''s change notifications and import on each')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print or write shell completion scripts')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print or write man pages')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailconn;help;profile' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile (prompts for missing values when interactive)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles of the config file')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the effective settings of a profile and where each value comes from')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default')
            break
        }
        'mailconn;help;profile;add' {
            break
        }
        'mailconn;help;profile;list' {
            break
        }
        'mailconn;help;profile;show' {
            break
        }
        'mailconn;help;profile;remove' {
            break
        }
        'mailconn;help;profile;use' {
            break
        }
        'mailconn;help;credentials' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a credential for the profile (the secret goes to the OS keyring)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show where each credential lives and what is known about it (never the secret)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a credential from its store and forget it')
            break
        }
        'mailconn;help;credentials;set' {
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Client secret of the app registration (its Value, not its Secret ID)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password')
            [CompletionResult]::new('federated-token-file', 'federated-token-file', [CompletionResultType]::ParameterValue, 'Path of a federated (workload identity) token file; a path, not a secret')
            [CompletionResult]::new('store-password', 'store-password', [CompletionResultType]::ParameterValue, 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE')
            break
        }
        'mailconn;help;credentials;set;client-secret' {
            break
        }
        'mailconn;help;credentials;set;certificate' {
            break
        }
        'mailconn;help;credentials;set;federated-token-file' {
            break
        }
        'mailconn;help;credentials;set;store-password' {
            break
        }
        'mailconn;help;credentials;show' {
            break
        }
        'mailconn;help;credentials;remove' {
            break
        }
        'mailconn;help;login' {
            break
        }
        'mailconn;help;logout' {
            break
        }
        'mailconn;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where each secret lives, what the token grants, and what expires when')
            break
        }
        'mailconn;help;auth;status' {
            break
        }
        'mailconn;help;test-connection' {
            break
        }
        'mailconn;help;send-test-message' {
            break
        }
        'mailconn;help;import' {
            break
        }
        'mailconn;help;log' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List log entries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Import failed entries again now, and finish their unfinished post-actions')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print entries with their attempts as JSON lines (one object per line)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget old history; entries that still guard against a re-import are kept')
            break
        }
        'mailconn;help;log;list' {
            break
        }
        'mailconn;help;log;show' {
            break
        }
        'mailconn;help;log;retry' {
            break
        }
        'mailconn;help;log;export' {
            break
        }
        'mailconn;help;log;prune' {
            break
        }
        'mailconn;help;status' {
            break
        }
        'mailconn;help;tickets' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most recently updated first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its messages and attachments')
            break
        }
        'mailconn;help;tickets;list' {
            break
        }
        'mailconn;help;tickets;show' {
            break
        }
        'mailconn;help;rules' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)')
            break
        }
        'mailconn;help;rules;check' {
            break
        }
        'mailconn;help;demo' {
            break
        }
        'mailconn;help;subscription' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Delete subscriptions at Graph and here; one that is already gone is not an error')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profile''s subscriptions, here and at Graph, with drift and time to expiry')
            break
        }
        'mailconn;help;subscription;create' {
            break
        }
        'mailconn;help;subscription;renew' {
            break
        }
        'mailconn;help;subscription;cancel' {
            break
        }
        'mailconn;help;subscription;list' {
            break
        }
        'mailconn;help;webhook' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Receive Graph''s notifications for the profile''s subscriptions and import on each')
            break
        }
        'mailconn;help;webhook;serve' {
            break
        }
        'mailconn;help;serve' {
            break
        }
        'mailconn;help;completions' {
            break
        }
        'mailconn;help;man' {
            break
        }
        'mailconn;help;emulator' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM')
            break
        }
        'mailconn;help;emulator;serve' {
            break
        }
        'mailconn;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
