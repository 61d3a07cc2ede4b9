
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
            cand completions 'Print or write shell completion scripts'
            cand man 'Print or write man pages'
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
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
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
            cand --tenant 'Directory (tenant) id or a domain of the tenant'
            cand --client-id 'Application (client) id of the Entra app registration'
            cand --auth 'How to sign in'
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
        &'mailconn;help'= {
            cand profile 'Manage connection profiles (non-secret settings in the config file)'
            cand completions 'Print or write shell completion scripts'
            cand man 'Print or write man pages'
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
        &'mailconn;help;completions'= {
        }
        &'mailconn;help;man'= {
        }
        &'mailconn;help;help'= {
        }
    ]
    $completions[$command]
}
