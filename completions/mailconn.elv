
use builtin;
use str;

set edit:completion:arg-completer[mailconn] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mailconn'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mailconn'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand profile 'Manage connection profiles (non-secret settings in the config file)'
            cand credentials 'Store, show and remove a profile''s client secret, certificate or federated token file'
            cand login 'Sign in: interactively for delegated profiles, with the stored credential for app-only'
            cand logout 'Forget the profile''s stored tokens'
            cand auth 'The state of the profile''s sign-in'
            cand test-connection 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit'
            cand send-test-message 'Send a tagged test message from the profile''s mailbox through Graph; optionally wait until it arrives'
            cand import 'Import the folder''s new mail once: tickets, post-actions, processing log (cron-safe)'
            cand log 'Inspect the processing log: every message the import has seen and what became of it'
            cand status 'Every mailbox folder of the store: which worker holds it, its last pass, what is left'
            cand tickets 'The embedded ticket store, the import''s default sink'
            cand rules 'Check the import''s rules file'
            cand demo 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)'
            cand subscription 'Graph change-notification subscriptions on the profile''s mailbox folders'
            cand webhook 'Receive Graph''s change notifications and import on each'
            cand serve 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics'
            cand completions 'Print or write shell completion scripts'
            cand man 'Print or write man pages'
            cand emulator 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;profile'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a profile (prompts for missing values when interactive)'
            cand list 'List the profiles of the config file'
            cand show 'Show the effective settings of a profile and where each value comes from'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;profile;add'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --default 'Make it the default profile (the first profile always becomes the default)'
            cand --force 'Replace a profile of the same name'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;profile;list'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;profile;show'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;profile;remove'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --keep-credentials 'Leave the profile''s secrets and tokens where they are'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;profile;use'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;profile;help'= {
            cand add 'Add a profile (prompts for missing values when interactive)'
            cand list 'List the profiles of the config file'
            cand show 'Show the effective settings of a profile and where each value comes from'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;profile;help;add'= {
        }
        &'mailconn;profile;help;list'= {
        }
        &'mailconn;profile;help;show'= {
        }
        &'mailconn;profile;help;remove'= {
        }
        &'mailconn;profile;help;use'= {
        }
        &'mailconn;profile;help;help'= {
        }
        &'mailconn;credentials'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Store a credential for the profile (the secret goes to the OS keyring)'
            cand show 'Show where each credential lives and what is known about it (never the secret)'
            cand remove 'Remove a credential from its store and forget it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;credentials;set'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand client-secret 'Client secret of the app registration (its Value, not its Secret ID)'
            cand certificate 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password'
            cand federated-token-file 'Path of a federated (workload identity) token file; a path, not a secret'
            cand store-password 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;credentials;set;client-secret'= {
            cand --expires 'When the secret expires (YYYY-MM-DD, as shown in Entra), so `auth status` can warn'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --secret-stdin 'Read the secret from stdin instead of a hidden prompt (one trailing newline is dropped)'
            cand --insecure-storage 'Store the secret in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;set;certificate'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --password-stdin 'Read the PFX password from stdin (otherwise MAILCONN_CERTIFICATE_PASSWORD, an empty password, or a hidden prompt)'
            cand --insecure-storage 'Store the secret in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;set;federated-token-file'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;set;store-password'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --password-stdin 'Read the password from stdin instead of a hidden prompt (one trailing newline is dropped)'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;set;help'= {
            cand client-secret 'Client secret of the app registration (its Value, not its Secret ID)'
            cand certificate 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password'
            cand federated-token-file 'Path of a federated (workload identity) token file; a path, not a secret'
            cand store-password 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;credentials;set;help;client-secret'= {
        }
        &'mailconn;credentials;set;help;certificate'= {
        }
        &'mailconn;credentials;set;help;federated-token-file'= {
        }
        &'mailconn;credentials;set;help;store-password'= {
        }
        &'mailconn;credentials;set;help;help'= {
        }
        &'mailconn;credentials;show'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;remove'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;credentials;help'= {
            cand set 'Store a credential for the profile (the secret goes to the OS keyring)'
            cand show 'Show where each credential lives and what is known about it (never the secret)'
            cand remove 'Remove a credential from its store and forget it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;credentials;help;set'= {
            cand client-secret 'Client secret of the app registration (its Value, not its Secret ID)'
            cand certificate 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password'
            cand federated-token-file 'Path of a federated (workload identity) token file; a path, not a secret'
            cand store-password 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE'
        }
        &'mailconn;credentials;help;set;client-secret'= {
        }
        &'mailconn;credentials;help;set;certificate'= {
        }
        &'mailconn;credentials;help;set;federated-token-file'= {
        }
        &'mailconn;credentials;help;set;store-password'= {
        }
        &'mailconn;credentials;help;show'= {
        }
        &'mailconn;credentials;help;remove'= {
        }
        &'mailconn;credentials;help;help'= {
        }
        &'mailconn;login'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --device-code 'Sign in with a code entered on another device (the default without a usable browser: no terminal, SSH, --no-input, no display)'
            cand --browser 'Sign in with a browser on this machine (authorization code with PKCE)'
            cand --insecure-storage 'Keep the tokens in a plain file (mode 0600, not encrypted) instead of the OS keyring, for servers without one. Prints a warning each time the file is used'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;logout'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;auth'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Where each secret lives, what the token grants, and what expires when'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;auth;status'= {
            cand --fail-within 'Exit with code 4 when a client secret, certificate or refresh token expires within DUR (e.g. 14d, 12h, 2w)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;auth;help'= {
            cand status 'Where each secret lives, what the token grants, and what expires when'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;auth;help;status'= {
        }
        &'mailconn;auth;help;help'= {
        }
        &'mailconn;test-connection'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand --junit 'Write the result as JUnit XML (one testcase per step) for CI dashboards'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --write-check 'Also check a reversible write: create a draft and delete it (needs Mail.ReadWrite)'
            cand --send-check 'Also send a tagged test message to the mailbox itself (needs Mail.Send)'
            cand --cached-token 'Reuse a cached access token instead of asking Entra for a new one. Cheaper for frequent checks, but then a rotated or revoked secret goes unnoticed until the cached token expires (up to about 90 minutes)'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;send-test-message'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand --to 'Recipient (repeatable); default: the profile''s mailbox itself'
            cand --cc 'Carbon-copy recipient (repeatable)'
            cand --from 'Send as, or on behalf of, this mailbox (needs Send As / Send on Behalf)'
            cand --subject 'Subject; a unique tag is appended'
            cand --body 'Body text'
            cand --body-file 'Read the body from FILE'
            cand --attach 'Attach files (repeatable); over 3 MB in total they go through a draft, and files over 3 MB through upload sessions'
            cand --max-attachments-size 'Refuse, before sending, when the attachments total more than MB megabytes'
            cand --verify-delivery 'Wait up to DUR (e.g. 60s, 5m) for the message in the recipient''s Inbox and report the delivery latency; exit 1 when it does not arrive in time'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --plain 'Send the body as plain text instead of HTML'
            cand --no-save 'Do not keep a copy in Sent Items'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;import'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand --post-action 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile''s [import] post_action, else none'
            cand --rules 'Rules file. Default: the profile''s [import] rules, else the built-in rules'
            cand --backlog 'First run on a folder that already holds mail: import all of it, or none of it (only mail arriving from now on)'
            cand --since 'First run: import only mail received on or after DATE (2026-11-01 or RFC 3339)'
            cand --profiles 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more'
            cand --max-connections 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange''s own limit of 4)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --create-folder 'Create the move:FOLDER destination if it does not exist'
            cand --confirm-permanent-delete 'Confirm post-action permanent-delete (users cannot recover such mail)'
            cand --wait 'When another run holds this folder, wait for it instead of exiting with code 7'
            cand --dry-run 'Show what would happen (decision and rule per message); write nothing, touch nothing'
            cand --explain 'Print each message''s decision and the rule that made it'
            cand --all 'Import every profile''s mailbox side by side in this process'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List log entries, newest first'
            cand show 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
            cand retry 'Import failed entries again now, and finish their unfinished post-actions'
            cand export 'Print entries with their attempts as JSON lines (one object per line)'
            cand prune 'Forget old history; entries that still guard against a re-import are kept'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;log;list'= {
            cand --status 'Only entries in this state: imported, ignored or failed'
            cand --since 'Only entries updated within this span, e.g. 1h or 7d'
            cand --sender 'Only senders whose address contains this text (case-insensitive)'
            cand --subject 'Only subjects that contain this text (case-insensitive)'
            cand --limit 'At most this many entries'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --this-profile 'Only entries of the selected profile (-p); all profiles otherwise'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log;show'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log;retry'= {
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand --post-action 'What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete (to Deleted Items) or permanent-delete. Default: the profile''s [import] post_action, else none'
            cand --rules 'Rules file. Default: the profile''s [import] rules, else the built-in rules'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --failed 'Every failed import and unfinished post-action of the profile''s folder, however often it failed before'
            cand --create-folder 'Create the move:FOLDER destination if it does not exist'
            cand --confirm-permanent-delete 'Confirm post-action permanent-delete (users cannot recover such mail)'
            cand --wait 'When another run holds this folder, wait for it instead of exiting with code 7'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log;export'= {
            cand --status 'Only entries in this state: imported, ignored or failed'
            cand --since 'Only entries updated within this span, e.g. 30d'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --this-profile 'Only entries of the selected profile (-p); all profiles otherwise'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log;prune'= {
            cand --older-than 'Forget history last touched longer ago than this, e.g. 90d'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;log;help'= {
            cand list 'List log entries, newest first'
            cand show 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
            cand retry 'Import failed entries again now, and finish their unfinished post-actions'
            cand export 'Print entries with their attempts as JSON lines (one object per line)'
            cand prune 'Forget old history; entries that still guard against a re-import are kept'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;log;help;list'= {
        }
        &'mailconn;log;help;show'= {
        }
        &'mailconn;log;help;retry'= {
        }
        &'mailconn;log;help;export'= {
        }
        &'mailconn;log;help;prune'= {
        }
        &'mailconn;log;help;help'= {
        }
        &'mailconn;status'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;tickets'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List tickets, most recently updated first'
            cand show 'Show a ticket with its messages and attachments'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;tickets;list'= {
            cand --limit 'At most this many tickets'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;tickets;show'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;tickets;help'= {
            cand list 'List tickets, most recently updated first'
            cand show 'Show a ticket with its messages and attachments'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;tickets;help;list'= {
        }
        &'mailconn;tickets;help;show'= {
        }
        &'mailconn;tickets;help;help'= {
        }
        &'mailconn;rules'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;rules;check'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;rules;help'= {
            cand check 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;rules;help;check'= {
        }
        &'mailconn;rules;help;help'= {
        }
        &'mailconn;demo'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --emulator 'Use the embedded emulator even when a tenant is configured'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;subscription'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url'
            cand renew 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
            cand cancel 'Delete subscriptions at Graph and here; one that is already gone is not an error'
            cand list 'The profile''s subscriptions, here and at Graph, with drift and time to expiry'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;subscription;create'= {
            cand --notification-url 'Where Graph posts notifications: https (plain http only on loopback, for tests). It must answer Graph''s validation request within 10 s (`mailconn webhook serve` and `mailconn serve` do)'
            cand --lifecycle-url 'Where Graph posts lifecycle events (reauthorization, removal, missed notifications); cannot be added later. The receiver''s URL again is fine'
            cand --cloud 'Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom'
            cand --authority-host 'Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom)'
            cand --graph-endpoint 'Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom)'
            cand --graph-resource 'Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud''s Graph; set it only when a custom endpoint serves another resource)'
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
            cand --assertion 'Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups)'
            cand --mailbox 'Mailbox address (shared mailboxes included) or user object id'
            cand --folder 'Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;subscription;renew'= {
            cand --within 'Only those expiring within this span, e.g. 2d (default: renew whatever is selected)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --all 'Every subscription of the profile'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;subscription;cancel'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --all 'Every subscription recorded for the profile (never ones only Graph knows: another tool may own those)'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;subscription;list'= {
            cand --expiring-within 'Exit 1 when a subscription expires within this span (e.g. 1d) or Graph no longer has a recorded one: for monitoring'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;subscription;help'= {
            cand create 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url'
            cand renew 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
            cand cancel 'Delete subscriptions at Graph and here; one that is already gone is not an error'
            cand list 'The profile''s subscriptions, here and at Graph, with drift and time to expiry'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;subscription;help;create'= {
        }
        &'mailconn;subscription;help;renew'= {
        }
        &'mailconn;subscription;help;cancel'= {
        }
        &'mailconn;subscription;help;list'= {
        }
        &'mailconn;subscription;help;help'= {
        }
        &'mailconn;webhook'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Receive Graph''s notifications for the profile''s subscriptions and import on each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;webhook;serve'= {
            cand --listen 'Address and port to listen on (port 0: a free one, named in the ready line)'
            cand --tls-cert 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)'
            cand --tls-key 'PEM private key of --tls-cert'
            cand --max-body 'Largest request body accepted, in bytes; larger ones get 413'
            cand --renew-within 'Renew a subscription when it expires within this span'
            cand --renew-check 'How often to look for subscriptions to renew'
            cand --backlog 'Passed to imports, for a folder''s first import: take the mail already there (all) or only what arrives from now on (none)'
            cand --import-timeout 'An import running longer than this is stopped'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --no-catch-up 'Skip the catch-up import of every subscribed folder at start'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;webhook;help'= {
            cand serve 'Receive Graph''s notifications for the profile''s subscriptions and import on each'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;webhook;help;serve'= {
        }
        &'mailconn;webhook;help;help'= {
        }
        &'mailconn;serve'= {
            cand --profiles 'Import the profiles whose name matches PATTERN (`*` any text, `?` one character), side by side; repeat for more'
            cand --max-connections 'With --all or --profiles: Graph requests in flight in this process at most (each mailbox keeps Exchange''s own limit of 4)'
            cand --listen 'Address and port to listen on (port 0: a free one, named in the ready line)'
            cand --tls-cert 'PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a TLS-terminating proxy in front)'
            cand --tls-key 'PEM private key of --tls-cert'
            cand --max-body 'Largest request body accepted, in bytes; larger ones get 413'
            cand --renew-within 'Renew a subscription when it expires within this span'
            cand --renew-check 'How often to look for subscriptions to renew'
            cand --poll-interval 'Time between scheduled imports of a profile''s folder when its [import] poll_interval does not say; each wait is moved by up to 10% either way'
            cand --backlog 'For a folder''s first import: take the mail already there (all) or only what arrives from now on (none). Without it such a folder is refused until `mailconn import --backlog` has run once'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --all 'Import every profile''s mailbox side by side in this process'
            cand --confirm-permanent-delete 'Confirm the permanent-delete post-action of the profiles that use it (users cannot recover such mail); without it the worker asks at start, or refuses without a terminal'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;completions'= {
            cand --out-dir 'Write the scripts into DIR instead of printing (all shells unless SHELL is given)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;man'= {
            cand --out-dir 'Write one page per command into DIR instead of printing the main page'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;emulator'= {
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;emulator;serve'= {
            cand --listen 'Address to listen on; port 0 picks a free port (see the ready line)'
            cand --latency 'Delay every response: `50ms`, or `50ms,20ms` for up to 20 ms of extra jitter'
            cand --tenant 'Tenant file (TOML, or JSON when it ends in .json); default: the demo tenant'
            cand --data-dir 'Directory for generated files (CA, demo certificate); default: a temporary one, removed on exit'
            cand --trust 'Also trust these CA certificates (PEM) when calling HTTPS notification URLs'
            cand --seed 'Deliver DIR/<mailbox>/<folder path>/*.eml at start, in name order (missing folders are created; files directly under DIR/<mailbox> go to Inbox)'
            cand --state-dir 'Keep mailboxes, subscriptions, refresh tokens and signing keys in DIR, saved after every change, so a restart with the same DIR and tenant serves the same ids and accepts the same tokens (--seed then applies only to a fresh DIR)'
            cand -p 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --profile 'Profile to use (default: `default_profile` of the config file, or its only profile)'
            cand --config 'Config file to read and write'
            cand --color 'When to use colour; `NO_COLOR` turns `auto` off'
            cand --tls 'Serve HTTPS with a self-signed certificate written to the ready line''s `ca_file`'
            cand --json 'Print results as JSON on stdout (errors as JSON on stderr)'
            cand -q 'Print only results, warnings and errors'
            cand --quiet 'Print only results, warnings and errors'
            cand -v 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --verbose 'Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides)'
            cand --no-input 'Never prompt; fail at once naming the flag or variable that is missing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mailconn;emulator;help'= {
            cand serve 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;emulator;help;serve'= {
        }
        &'mailconn;emulator;help;help'= {
        }
        &'mailconn;help'= {
            cand profile 'Manage connection profiles (non-secret settings in the config file)'
            cand credentials 'Store, show and remove a profile''s client secret, certificate or federated token file'
            cand login 'Sign in: interactively for delegated profiles, with the stored credential for app-only'
            cand logout 'Forget the profile''s stored tokens'
            cand auth 'The state of the profile''s sign-in'
            cand test-connection 'Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with its fix; for CI with --json or --junit'
            cand send-test-message 'Send a tagged test message from the profile''s mailbox through Graph; optionally wait until it arrives'
            cand import 'Import the folder''s new mail once: tickets, post-actions, processing log (cron-safe)'
            cand log 'Inspect the processing log: every message the import has seen and what became of it'
            cand status 'Every mailbox folder of the store: which worker holds it, its last pass, what is left'
            cand tickets 'The embedded ticket store, the import''s default sink'
            cand rules 'Check the import''s rules file'
            cand demo 'The main job end to end against the embedded emulator: import a seeded mailbox, show the tickets and the processing log (a dry import when a tenant is configured)'
            cand subscription 'Graph change-notification subscriptions on the profile''s mailbox folders'
            cand webhook 'Receive Graph''s change notifications and import on each'
            cand serve 'Long-running worker: import many profiles on their schedules and on change notifications, renew their subscriptions, serve /healthz and /metrics'
            cand completions 'Print or write shell completion scripts'
            cand man 'Print or write man pages'
            cand emulator 'Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailconn;help;profile'= {
            cand add 'Add a profile (prompts for missing values when interactive)'
            cand list 'List the profiles of the config file'
            cand show 'Show the effective settings of a profile and where each value comes from'
            cand remove 'Remove a profile'
            cand use 'Make a profile the default'
        }
        &'mailconn;help;profile;add'= {
        }
        &'mailconn;help;profile;list'= {
        }
        &'mailconn;help;profile;show'= {
        }
        &'mailconn;help;profile;remove'= {
        }
        &'mailconn;help;profile;use'= {
        }
        &'mailconn;help;credentials'= {
            cand set 'Store a credential for the profile (the secret goes to the OS keyring)'
            cand show 'Show where each credential lives and what is known about it (never the secret)'
            cand remove 'Remove a credential from its store and forget it'
        }
        &'mailconn;help;credentials;set'= {
            cand client-secret 'Client secret of the app registration (its Value, not its Secret ID)'
            cand certificate 'Certificate with its private key: a PEM file, or a PFX/.p12 file and its password'
            cand federated-token-file 'Path of a federated (workload identity) token file; a path, not a secret'
            cand store-password 'Password of the PostgreSQL role the profile''s shared store (store_url) signs in as, for hosts without a PGPASSFILE'
        }
        &'mailconn;help;credentials;set;client-secret'= {
        }
        &'mailconn;help;credentials;set;certificate'= {
        }
        &'mailconn;help;credentials;set;federated-token-file'= {
        }
        &'mailconn;help;credentials;set;store-password'= {
        }
        &'mailconn;help;credentials;show'= {
        }
        &'mailconn;help;credentials;remove'= {
        }
        &'mailconn;help;login'= {
        }
        &'mailconn;help;logout'= {
        }
        &'mailconn;help;auth'= {
            cand status 'Where each secret lives, what the token grants, and what expires when'
        }
        &'mailconn;help;auth;status'= {
        }
        &'mailconn;help;test-connection'= {
        }
        &'mailconn;help;send-test-message'= {
        }
        &'mailconn;help;import'= {
        }
        &'mailconn;help;log'= {
            cand list 'List log entries, newest first'
            cand show 'Show one entry with every attempt (decision, rule, ticket, post-action, errors)'
            cand retry 'Import failed entries again now, and finish their unfinished post-actions'
            cand export 'Print entries with their attempts as JSON lines (one object per line)'
            cand prune 'Forget old history; entries that still guard against a re-import are kept'
        }
        &'mailconn;help;log;list'= {
        }
        &'mailconn;help;log;show'= {
        }
        &'mailconn;help;log;retry'= {
        }
        &'mailconn;help;log;export'= {
        }
        &'mailconn;help;log;prune'= {
        }
        &'mailconn;help;status'= {
        }
        &'mailconn;help;tickets'= {
            cand list 'List tickets, most recently updated first'
            cand show 'Show a ticket with its messages and attachments'
        }
        &'mailconn;help;tickets;list'= {
        }
        &'mailconn;help;tickets;show'= {
        }
        &'mailconn;help;rules'= {
            cand check 'Validate a rules file and summarize what it does (errors as file:line:col, exit 78)'
        }
        &'mailconn;help;rules;check'= {
        }
        &'mailconn;help;demo'= {
        }
        &'mailconn;help;subscription'= {
            cand create 'Subscribe to new mail in the profile''s folder: Graph calls --notification-url'
            cand renew 'Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d)'
            cand cancel 'Delete subscriptions at Graph and here; one that is already gone is not an error'
            cand list 'The profile''s subscriptions, here and at Graph, with drift and time to expiry'
        }
        &'mailconn;help;subscription;create'= {
        }
        &'mailconn;help;subscription;renew'= {
        }
        &'mailconn;help;subscription;cancel'= {
        }
        &'mailconn;help;subscription;list'= {
        }
        &'mailconn;help;webhook'= {
            cand serve 'Receive Graph''s notifications for the profile''s subscriptions and import on each'
        }
        &'mailconn;help;webhook;serve'= {
        }
        &'mailconn;help;serve'= {
        }
        &'mailconn;help;completions'= {
        }
        &'mailconn;help;man'= {
        }
        &'mailconn;help;emulator'= {
            cand serve 'Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM'
        }
        &'mailconn;help;emulator;serve'= {
        }
        &'mailconn;help;help'= {
        }
    ]
    $completions[$command]
}
