function __osbsctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __osbsctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __osbsctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __osbsctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __osbsctl_parse_tokens -S
    set -l unparsed_tokens (__osbsctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'osbsctl'
        __osbsctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'container-build'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'C/directory=' 'scratch' 'isolated' 'release=' 'arches=+' 'repo-url=+' 'koji-parent-build=' 'signing-intent=' 'compose-id=+' 'channel=' 'priority=' 'background' 'target=' 'git-branch=' 'nowait' 'no-logs' 'dry-run' 'interval=' 'version' 'h/help'
        case 'task'
            __osbsctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'watch'
                __osbsctl_parse_subcommand -r 1 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'interval=' 'version' 'h/help'
            case 'logs'
                __osbsctl_parse_subcommand 1 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'f/follow' 'log=+' 'interval=' 'version' 'h/help'
            case 'info'
                __osbsctl_parse_subcommand 1 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'version' 'h/help'
            case 'cancel'
                __osbsctl_parse_subcommand -r 1 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'version' 'h/help'
            end
        case 'koji'
            __osbsctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'whoami'
                __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'version' 'h/help'
            end
        case 'config'
            __osbsctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'view'
                __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'version' 'h/help'
            end
        case 'version'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'debug' 'color=' 'o/output=' 'version' 'h/help'
        case 'help'
            __osbsctl_parse_subcommand -r 1 'version'
        end
    end
end

function __osbsctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __osbsctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __osbsctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __osbsctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__osbsctl_tokens -p)
    if test -z "$(__osbsctl_tokens -t)"
        set -l index (count (__osbsctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'osbsctl' -f
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'container-build' -d 'Build the container image of this dist-git checkout in Koji, and follow it to the end.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'task' -d 'Watch, tail, inspect and cancel Koji tasks.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'koji' -d 'Koji hub session tools.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'config' -d 'Show the resolved configuration.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'version' -d 'Show osbsctl\'s version and the libcurl it uses (version and features).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" C directory' -s 'C' -l 'directory' -d 'The dist-git checkout (default: the current directory).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" scratch' -l 'scratch' -d 'A scratch build: not tagged, pushed under a scratch tag.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" isolated' -l 'isolated' -d 'Rebuild an existing release in isolation (needs --release).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" release' -l 'release' -d 'Release for an isolated build.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'arches' -d 'Build only for these architectures (comma- or space-separated; scratch or isolated only).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'repo-url' -d 'A yum .repo URL for the build (repeatable).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" koji-parent-build' -l 'koji-parent-build' -d 'Override the parent image with this Koji build NVR.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" signing-intent' -l 'signing-intent' -d 'Signing intent of the ODCS composes.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'compose-id' -d 'An ODCS compose to use (repeatable).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" channel' -l 'channel' -d 'Koji channel to build in.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" priority' -l 'priority' -d 'Task priority (lower runs earlier; negative needs admin).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" background' -l 'background' -d 'Run at background priority.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" target' -l 'target' -d 'Koji build target (default: derived from the branch).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" git-branch' -l 'git-branch' -d 'Branch to record as git_branch (default: the tracked remote branch).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" nowait' -l 'nowait' -d 'Submit and exit without watching.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" no-logs' -l 'no-logs' -d 'Do not tail the build logs while watching.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" dry-run' -l 'dry-run' -d 'Print the exact call and submit nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" interval' -l 'interval' -d 'Seconds between polls (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'watch' -d 'Watch Koji task trees until they finish (one hub request per poll).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'logs' -d 'Print a task\'s logs, including its child tasks\'; with --follow, until the tree finishes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'info' -d 'Show a task: state, host, owner, children, logs and result.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'cancel' -d 'Cancel Koji tasks (and their children) in one hub request.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" interval' -l 'interval' -d 'Seconds between polls (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" f follow' -s 'f' -l 'follow' -d 'Keep following until the task and its children finish.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs"' -l 'log' -d 'Only this log file (repeatable), e.g. x86_64.log.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" interval' -l 'interval' -d 'Seconds between polls with --follow (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl koji" -eq 1' -fa 'whoami' -d 'Log in as the profile says and show who the hub thinks you are.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl config" -eq 1' -fa 'view' -d 'Print every resolved setting and the file (and line), flag or variable it came from.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" context' -l 'context' -d 'kubeconfig context to use.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl help" version' -l 'version' -d 'Show the version.'
