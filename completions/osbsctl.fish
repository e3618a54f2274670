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
        __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'container-build'
            __osbsctl_parse_subcommand 0 'C/directory=' 'scratch' 'isolated' 'release=' 'arches=+' 'repo-url=+' 'koji-parent-build=' 'signing-intent=' 'compose-id=+' 'channel=' 'priority=' 'background' 'target=' 'git-branch=' 'nowait' 'no-logs' 'dry-run' 'interval=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
        case 'task'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'watch'
                __osbsctl_parse_subcommand -r 1 'interval=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
            case 'logs'
                __osbsctl_parse_subcommand 1 'f/follow' 'log=+' 'interval=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
            case 'info'
                __osbsctl_parse_subcommand 1 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
            case 'cancel'
                __osbsctl_parse_subcommand -r 1 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
            end
        case 'koji'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'whoami'
                __osbsctl_parse_subcommand 0 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'version' 'h/help'
            end
        case 'build'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __osbsctl_parse_subcommand 0 'A/all-namespaces' 'running' 'l/selector=' 'kind=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'get'
                __osbsctl_parse_subcommand 1 'raw' 'kind=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'logs'
                __osbsctl_parse_subcommand 1 'kind=' 'f/follow' 'timestamps' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'watch'
                __osbsctl_parse_subcommand 1 'kind=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'cancel'
                __osbsctl_parse_subcommand -r 1 'kind=' 'grace=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'node'
                __osbsctl_parse_subcommand 1 'kind=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'for-task'
                __osbsctl_parse_subcommand 1 'A/all-namespaces' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'node'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __osbsctl_parse_subcommand 0 'l/selector=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'pods'
                __osbsctl_parse_subcommand 1 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'cordon'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'uncordon'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'drain'
                __osbsctl_parse_subcommand 1 'y/confirm' 'dry-run' 'evict-builds' 'timeout=' 'interval=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'probe'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'target=' 'timeout=' 'image=' 'local' 'host=' 'network=' 'cleanup' 'confirm' 'min-age=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'prune'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'builds'
                __osbsctl_parse_subcommand 0 'A/all-namespaces' 'keep-complete=' 'keep-failed=' 'keep-younger-than=' 'orphans' 'parallel=' 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'containers'
                __osbsctl_parse_subcommand 0 'host=' 'y/confirm' 'dry-run' 'parallel=' 'until=' 'filter=+' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
            case 'images'
                __osbsctl_parse_subcommand 0 'host=' 'y/confirm' 'dry-run' 'parallel=' 'unused' 'older-than=' 'filter=+' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
            case 'node'
                __osbsctl_parse_subcommand 0 'host=' 'y/confirm' 'dry-run' 'parallel=' 'until=' 'unused' 'older-than=' 'filter=+' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
            case 'all'
                __osbsctl_parse_subcommand 0 'A/all-namespaces' 'keep-complete=' 'keep-failed=' 'keep-younger-than=' 'orphans' 'host=' 'y/confirm' 'dry-run' 'parallel=' 'until=' 'unused' 'older-than=' 'filter=+' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'disk'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'usage'
                __osbsctl_parse_subcommand 0 'host=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
            end
        case 'ovs'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'flows'
                __osbsctl_parse_subcommand 0 'bridge=' 'ofctl=' 'openflow-version=' 'from=' 'table=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
            case 'check'
                __osbsctl_parse_subcommand 0 'node=' 'pods-from=' 'pods-json=' 'from=' 'bridge=' 'ofctl=' 'openflow-version=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'fix'
                __osbsctl_parse_subcommand 0 'node=' 'pods-from=' 'pods-json=' 'from=' 'bridge=' 'ofctl=' 'openflow-version=' 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'fleet'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'prune'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'parallel=' 'image=' 'timeout=' 'include-unschedulable' 'y/confirm' 'dry-run' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'disk'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'parallel=' 'image=' 'timeout=' 'include-unschedulable' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'ovs-check'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'parallel=' 'image=' 'timeout=' 'include-unschedulable' 'bridge=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'probe'
                __osbsctl_parse_subcommand -r 1 'l/selector=' 'parallel=' 'image=' 'timeout=' 'include-unschedulable' 'target=' 'probe-image=' 'probe-timeout=' 'probe-network=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            case 'cleanup'
                __osbsctl_parse_subcommand -r 1 'y/confirm' 'dry-run' 'l/selector=' 'run=' 'min-age=' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'doctor'
            __osbsctl_parse_subcommand 1 'A/all-namespaces' 'build=' 'flows-from=' 'local-ovs' 'bridge=' 'probe' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
        case 'config'
            __osbsctl_parse_subcommand 0 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'o/output=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'view'
                __osbsctl_parse_subcommand 0 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'c/koji-config=' 'koji-profile=' 'kubeconfig=' 'context=' 'n/namespace=' 'version' 'h/help'
            end
        case 'version'
            __osbsctl_parse_subcommand 0 'client' 'o/output=' 'config=' 'p/profile=' 'request-timeout=' 'debug' 'color=' 'q/quiet' 'version' 'h/help'
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
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'container-build' -d 'Build the container image of this dist-git checkout in Koji, and follow it to the end.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'task' -d 'Watch, tail, inspect and cancel Koji tasks.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'koji' -d 'Koji hub session tools.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'build' -d 'List, inspect, follow and cancel builds (OpenShift Builds and Tekton PipelineRuns); find their nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'node' -d 'List nodes and their build pods; cordon, uncordon, drain and probe build nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'prune' -d 'Free space: old and orphaned cluster builds, exited containers and dangling images.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'disk' -d 'A node\'s container disk space, through the Docker Engine API.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'ovs' -d 'Read br0\'s Open vSwitch flows; find and remove per-pod flows that no live pod owns.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'fleet' -d 'Run a node-side command on many nodes at once, each in a pod the cluster schedules there.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'doctor' -d 'Why did a build fail or hang? Koji task → build → pod → node → node state → OVS flows.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'config' -d 'Show the resolved configuration.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'version' -d 'Show osbsctl\'s version and the libcurl it uses (version and features).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" C directory' -s 'C' -l 'directory' -d 'The dist-git checkout (default: the current directory).' -rfa '(__osbsctl_complete_directories)'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" scratch' -l 'scratch' -d 'A scratch build: not tagged, pushed under a scratch tag.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" isolated' -l 'isolated' -d 'Rebuild an existing release in isolation (needs --release).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" release' -l 'release' -d 'Release for an isolated build.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'arches' -d 'Build only for these architectures (comma- or space-separated; scratch or isolated only).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'repo-url' -d 'A yum .repo URL for the build (repeatable).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" koji-parent-build' -l 'koji-parent-build' -d 'Override the parent image with this Koji build NVR.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" signing-intent' -l 'signing-intent' -d 'Signing intent of the ODCS composes.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build"' -l 'compose-id' -d 'An ODCS compose to use (repeatable).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" channel' -l 'channel' -d 'Koji channel to build in.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" priority' -l 'priority' -d 'Task priority relative to the hub\'s default (lower runs earlier; negative needs admin).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" background' -l 'background' -d 'Run at background priority (what koji-containerbuild sends: priority 5).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" target' -l 'target' -d 'Koji build target (default: derived from the branch).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" git-branch' -l 'git-branch' -d 'Branch to record as git_branch (default: the tracked remote branch).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" nowait' -l 'nowait' -d 'Submit and exit without watching.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" no-logs' -l 'no-logs' -d 'Do not tail the build logs while watching.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" dry-run' -l 'dry-run' -d 'Print the exact call and submit nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" interval' -l 'interval' -d 'Time between polls: 2s, 500ms or seconds (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion container-build -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion container-build -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl container-build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion task -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion task -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion task -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'watch' -d 'Watch Koji task trees until they finish (one hub request per poll).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'logs' -d 'Print a task\'s logs, including its child tasks\'; with --follow, until the tree finishes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'info' -d 'Show a task: state, host, owner, children, logs and result.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task" -eq 1' -fa 'cancel' -d 'Cancel Koji tasks (and their children), and report what became of each.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task watch" -ge 1' -fka '(__osbsctl_custom_completion ---completion task watch -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" interval' -l 'interval' -d 'Time between polls: 2s, 500ms or seconds (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml.' -rfka 'table json yaml'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion task watch -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion task watch -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task logs" -eq 1' -fka '(__osbsctl_custom_completion ---completion task logs -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" f follow' -s 'f' -l 'follow' -d 'Keep following until the task and its children finish.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs"' -l 'log' -d 'Only this log file (repeatable), e.g. x86_64.log.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" interval' -l 'interval' -d 'Time between polls with --follow: 2s, 500ms or seconds (default: the Koji profile\'s poll_interval).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml.' -rfka 'table json yaml'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion task logs -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion task logs -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task info" -eq 1' -fka '(__osbsctl_custom_completion ---completion task info -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion task info -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion task info -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task info" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl task cancel" -ge 1' -fka '(__osbsctl_custom_completion ---completion task cancel -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion task cancel -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion task cancel -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl task cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion koji -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion koji -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion koji -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl koji" -eq 1' -fa 'whoami' -d 'Log in as the profile says and show who the hub thinks you are.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion koji whoami -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion koji whoami -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl koji whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion build -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'list' -d 'List builds and PipelineRuns (newest first), page by page from the server.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'get' -d 'Show one build or PipelineRun: phase, reason, Koji task, times, pod or build hosts.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'logs' -d 'Print a build\'s or PipelineRun\'s log; with --follow, stream it until the build ends.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'watch' -d 'Watch a build\'s or PipelineRun\'s phase until it is final.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'cancel' -d 'Cancel builds or PipelineRuns (the cluster stops their pods).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'node' -d 'Which node ran a build: build → pod → node, with the pod IP and the node\'s state.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build" -eq 1' -fa 'for-task' -d 'Find the OpenShift build or OSBS 2 PipelineRun of a Koji task.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Builds in every namespace.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" running' -l 'running' -d 'Only builds not yet finished (New, Pending, Running).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" l selector' -s 'l' -l 'selector' -d 'Label selector, e.g. koji-task-id=123.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build list -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build list -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build get" -eq 1' -fka '(__osbsctl_custom_completion ---completion build get -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" raw' -l 'raw' -d 'Print the build object exactly as the server sent it (JSON), every field included.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build get -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build get -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build logs" -eq 1' -fka '(__osbsctl_custom_completion ---completion build logs -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" f follow' -s 'f' -l 'follow' -d 'Keep streaming until the build ends.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" timestamps' -l 'timestamps' -d 'Prefix each line with its RFC 3339 timestamp.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml.' -rfka 'table json yaml'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build logs -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build logs -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build watch" -eq 1' -fka '(__osbsctl_custom_completion ---completion build watch -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml.' -rfka 'table json yaml'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build watch -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build watch -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build cancel" -ge 1' -fka '(__osbsctl_custom_completion ---completion build cancel -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" grace' -l 'grace' -d 'PipelineRuns only: CancelledRunFinally or StoppedRunFinally, so its finally tasks still run.' -rfka 'CancelledRunFinally StoppedRunFinally'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build cancel -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build cancel -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build node" -eq 1' -fka '(__osbsctl_custom_completion ---completion build node -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" kind' -l 'kind' -d 'build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.' -rfka 'build pipelinerun'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build node -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build node -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Builds in every namespace.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl build for-task" -eq 1' -fka '(__osbsctl_custom_completion ---completion build for-task -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion build for-task -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion build for-task -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion build for-task -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl build for-task" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion node -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'list' -d 'List nodes: readiness, SchedulingDisabled when cordoned, and running build pods.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'pods' -d 'List the pods on a node (every namespace), marking build pods.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'cordon' -d 'Mark nodes unschedulable: running builds go on, no new build pods land there.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'uncordon' -d 'Mark nodes schedulable again, so new build pods can land there.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'drain' -d 'Cordon a node, then empty it: wait for its running builds, and evict the other pods.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node" -eq 1' -fa 'probe' -d 'Run the runbook\'s network test on nodes: can a buildroot container reach the outside?'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" l selector' -s 'l' -l 'selector' -d 'Label selector, e.g. osbs/build-node=true.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node list -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node list -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node pods" -eq 1' -fka '(__osbsctl_custom_completion ---completion node pods -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node pods -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node pods -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node pods" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node cordon" -ge 1' -fka '(__osbsctl_custom_completion ---completion node cordon -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" l selector' -s 'l' -l 'selector' -d 'Act on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node cordon -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node cordon -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node cordon" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node uncordon" -ge 1' -fka '(__osbsctl_custom_completion ---completion node uncordon -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" l selector' -s 'l' -l 'selector' -d 'Act on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node uncordon -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node uncordon -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node uncordon" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node drain" -eq 1' -fka '(__osbsctl_custom_completion ---completion node drain -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" evict-builds' -l 'evict-builds' -d 'Evict running build pods too, killing their builds (default: wait for them to finish).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" timeout' -l 'timeout' -d 'How long to wait for the node to empty: 90s, 15m, 1h30m or seconds (default 10m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" interval' -l 'interval' -d 'Time between checks while waiting: 2s, 500ms or seconds.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node drain -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node drain -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node drain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl node probe" -ge 1' -fka '(__osbsctl_custom_completion ---completion node probe -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" l selector' -s 'l' -l 'selector' -d 'Probe the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" target' -l 'target' -d 'The URL the probe tries (default from config probe.target).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" timeout' -l 'timeout' -d 'How long the probe tries to connect: 10s, 1m (default 10s).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" image' -l 'image' -d 'The buildroot image the probe runs in (default from config probe.image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" local' -l 'local' -d 'Probe this host through its Docker Engine API instead of a pod through the cluster.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" host' -l 'host' -d 'With --local: the Docker Engine API (default: $DOCKER_HOST, then the profile\'s docker.host).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" network' -l 'network' -d 'With --local: the container\'s network mode (default: the engine\'s, the one builds get).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" cleanup' -l 'cleanup' -d 'Instead of probing, remove probe pods (label osbsctl.io/probe=true) that an interrupted probe left behind, on the named or selected nodes or on all; a dry run unless --confirm.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" confirm' -l 'confirm' -d 'With --cleanup: delete the pods (without it, only report what would be deleted).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" min-age' -l 'min-age' -d 'With --cleanup: keep pods younger than this, which a running probe may own: 10m, 0s (default 10m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion node probe -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion node probe -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl node probe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion prune -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion prune -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl prune" -eq 1' -fa 'builds' -d 'Delete old and orphaned OpenShift builds and old PipelineRuns, as `oc adm prune builds` selects them.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl prune" -eq 1' -fa 'containers' -d 'Remove exited and dead containers through the Docker Engine API.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl prune" -eq 1' -fa 'images' -d 'Remove dangling images (and with --unused, old unused ones) through the Docker Engine API.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl prune" -eq 1' -fa 'node' -d 'Remove exited containers, then the images left unused, in one run with one report.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl prune" -eq 1' -fa 'all' -d 'On a build node: prune the cluster\'s old builds, then this node\'s containers and images.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Prune builds in every namespace.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" keep-complete' -l 'keep-complete' -d 'Complete builds to keep per BuildConfig.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" keep-failed' -l 'keep-failed' -d 'Failed, Error or Cancelled builds to keep per BuildConfig.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" keep-younger-than' -l 'keep-younger-than' -d 'Leave builds younger than this alone (Go duration: 60m, 720h0m0s, 1h30m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" orphans' -l 'orphans' -d 'Also prune finished builds whose BuildConfig no longer exists.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" parallel' -l 'parallel' -d 'Deletions in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune builds -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion prune builds -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune builds" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" host' -l 'host' -d 'Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then the profile\'s docker.host, then unix:///var/run/docker.sock).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" parallel' -l 'parallel' -d 'Deletions in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" until' -l 'until' -d 'Only containers created before this: a duration ago (24h, 1h30m), a Unix timestamp or a date (2026-11-01T00:00:00Z).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers"' -l 'filter' -d 'Only objects with (label=KEY[=VALUE]) or without (label!=KEY[=VALUE]) a label; repeat to require all.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune containers -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune containers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" host' -l 'host' -d 'Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then the profile\'s docker.host, then unix:///var/run/docker.sock).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" parallel' -l 'parallel' -d 'Deletions in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" unused' -l 'unused' -d 'Also remove tagged images no container uses (needs --older-than).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" older-than' -l 'older-than' -d 'Only images created before this: a duration ago (720h), a Unix timestamp or a date.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images"' -l 'filter' -d 'Only objects with (label=KEY[=VALUE]) or without (label!=KEY[=VALUE]) a label; repeat to require all.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune images -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune images" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" host' -l 'host' -d 'Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then the profile\'s docker.host, then unix:///var/run/docker.sock).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" parallel' -l 'parallel' -d 'Deletions in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" until' -l 'until' -d 'Only containers created before this: a duration ago (24h, 1h30m), a Unix timestamp or a date (2026-11-01T00:00:00Z).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" unused' -l 'unused' -d 'Also remove tagged images no container uses (needs --older-than).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" older-than' -l 'older-than' -d 'Only images created before this: a duration ago (720h), a Unix timestamp or a date.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node"' -l 'filter' -d 'Only objects with (label=KEY[=VALUE]) or without (label!=KEY[=VALUE]) a label; repeat to require all.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune node -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Prune builds in every namespace.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" keep-complete' -l 'keep-complete' -d 'Complete builds to keep per BuildConfig.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" keep-failed' -l 'keep-failed' -d 'Failed, Error or Cancelled builds to keep per BuildConfig.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" keep-younger-than' -l 'keep-younger-than' -d 'Leave builds younger than this alone (Go duration: 60m, 720h0m0s, 1h30m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" orphans' -l 'orphans' -d 'Also prune finished builds whose BuildConfig no longer exists.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" host' -l 'host' -d 'Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then the profile\'s docker.host, then unix:///var/run/docker.sock).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" parallel' -l 'parallel' -d 'Deletions in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" until' -l 'until' -d 'Only containers created before this: a duration ago (24h, 1h30m), a Unix timestamp or a date (2026-11-01T00:00:00Z).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" unused' -l 'unused' -d 'Also remove tagged images no container uses (needs --older-than).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" older-than' -l 'older-than' -d 'Only images created before this: a duration ago (720h), a Unix timestamp or a date.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all"' -l 'filter' -d 'Only objects with (label=KEY[=VALUE]) or without (label!=KEY[=VALUE]) a label; repeat to require all.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion prune all -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion prune all -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl prune all" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion disk -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion disk -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion disk -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl disk" -eq 1' -fa 'usage' -d 'Summarise the engine\'s /system/df: images, containers, volumes, build cache, reclaimable.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" host' -l 'host' -d 'Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then the profile\'s docker.host, then unix:///var/run/docker.sock).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion disk usage -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl disk usage" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion ovs -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion ovs -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion ovs -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl ovs" -eq 1' -fa 'flows' -d 'List the bridge\'s flows (ovs-ofctl dump-flows), parsed; -o json for scripts.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl ovs" -eq 1' -fa 'check' -d 'Compare the per-pod flows with the pods on the node: stale, missing and conflicting flows.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl ovs" -eq 1' -fa 'fix' -d 'Delete the stale per-pod flows `ovs check` finds, each by its exact match; check again.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" bridge' -l 'bridge' -d 'The OVS bridge (default from config ovs.bridge: br0).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" ofctl' -l 'ofctl' -d 'The ovs-ofctl program (default from config ovs.ofctl).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" openflow-version' -l 'openflow-version' -d 'OpenFlow version passed as -O (default from config ovs.openflowVersion: OpenFlow13).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" from' -l 'from' -d 'Read flows from this saved `ovs-ofctl -O OpenFlow13 dump-flows br0` output (\'-\' for stdin).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" table' -l 'table' -d 'Only this table (0-255).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion ovs flows -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs flows" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" node' -l 'node' -d 'The node whose pods own flows on this bridge (default: this host\'s name).' -rfka '(__osbsctl_custom_completion ---completion ovs check -- --node (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" pods-from' -l 'pods-from' -d 'Read pods from this `kubectl get pods -o json` output (\'-\' for stdin) instead of the API.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" pods-json' -l 'pods-json' -d 'The pods as PodList JSON text on the command line instead of the API.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" from' -l 'from' -d 'Read flows from this saved `ovs-ofctl -O OpenFlow13 dump-flows br0` output (\'-\' for stdin).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" bridge' -l 'bridge' -d 'The OVS bridge (default from config ovs.bridge: br0).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" ofctl' -l 'ofctl' -d 'The ovs-ofctl program (default from config ovs.ofctl).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" openflow-version' -l 'openflow-version' -d 'OpenFlow version passed as -O (default from config ovs.openflowVersion: OpenFlow13).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion ovs check -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion ovs check -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" node' -l 'node' -d 'The node whose pods own flows on this bridge (default: this host\'s name).' -rfka '(__osbsctl_custom_completion ---completion ovs fix -- --node (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" pods-from' -l 'pods-from' -d 'Read pods from this `kubectl get pods -o json` output (\'-\' for stdin) instead of the API.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" pods-json' -l 'pods-json' -d 'The pods as PodList JSON text on the command line instead of the API.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" from' -l 'from' -d 'Read flows from this saved `ovs-ofctl -O OpenFlow13 dump-flows br0` output (\'-\' for stdin).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" bridge' -l 'bridge' -d 'The OVS bridge (default from config ovs.bridge: br0).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" ofctl' -l 'ofctl' -d 'The ovs-ofctl program (default from config ovs.ofctl).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" openflow-version' -l 'openflow-version' -d 'OpenFlow version passed as -O (default from config ovs.openflowVersion: OpenFlow13).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion ovs fix -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion ovs fix -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl ovs fix" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion fleet -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet" -eq 1' -fa 'prune' -d '`prune node` on every node: exited containers and dangling images, through each node\'s engine.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet" -eq 1' -fa 'disk' -d '`disk usage` on every node: what each engine holds and what a prune could free.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet" -eq 1' -fa 'ovs-check' -d '`ovs check` on every node: per-pod flows no live pod owns, and pods missing theirs.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet" -eq 1' -fa 'probe' -d '`node probe --local` on every node: the runbook\'s network test through each node\'s engine.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet" -eq 1' -fa 'cleanup' -d 'Remove the pods a killed or interrupted fleet left behind (label osbsctl.io/fleet).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet prune" -ge 1' -fka '(__osbsctl_custom_completion ---completion fleet prune -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" l selector' -s 'l' -l 'selector' -d 'Run on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" parallel' -l 'parallel' -d 'Pods in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" image' -l 'image' -d 'The osbsctl image the pods run (see scripts/build-image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" timeout' -l 'timeout' -d 'Per node, from creating its pod until its report is in: 30s, 5m (default 5m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" include-unschedulable' -l 'include-unschedulable' -d 'Also run on cordoned and NotReady nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet prune -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet prune -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet disk" -ge 1' -fka '(__osbsctl_custom_completion ---completion fleet disk -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" l selector' -s 'l' -l 'selector' -d 'Run on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" parallel' -l 'parallel' -d 'Pods in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" image' -l 'image' -d 'The osbsctl image the pods run (see scripts/build-image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" timeout' -l 'timeout' -d 'Per node, from creating its pod until its report is in: 30s, 5m (default 5m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" include-unschedulable' -l 'include-unschedulable' -d 'Also run on cordoned and NotReady nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet disk -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet disk -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet disk" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet ovs-check" -ge 1' -fka '(__osbsctl_custom_completion ---completion fleet ovs-check -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" l selector' -s 'l' -l 'selector' -d 'Run on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" parallel' -l 'parallel' -d 'Pods in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" image' -l 'image' -d 'The osbsctl image the pods run (see scripts/build-image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" timeout' -l 'timeout' -d 'Per node, from creating its pod until its report is in: 30s, 5m (default 5m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" include-unschedulable' -l 'include-unschedulable' -d 'Also run on cordoned and NotReady nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" bridge' -l 'bridge' -d 'The OVS bridge (default: the node\'s ovs.bridge, br0).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet ovs-check -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet ovs-check -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet ovs-check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet probe" -ge 1' -fka '(__osbsctl_custom_completion ---completion fleet probe -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" l selector' -s 'l' -l 'selector' -d 'Run on the nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" parallel' -l 'parallel' -d 'Pods in flight at once.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" image' -l 'image' -d 'The osbsctl image the pods run (see scripts/build-image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" timeout' -l 'timeout' -d 'Per node, from creating its pod until its report is in: 30s, 5m (default 5m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" include-unschedulable' -l 'include-unschedulable' -d 'Also run on cordoned and NotReady nodes.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" target' -l 'target' -d 'The URL the probe tries (default from config probe.target).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" probe-image' -l 'probe-image' -d 'The buildroot image the probe runs in (default from config probe.image).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" probe-timeout' -l 'probe-timeout' -d 'How long the probe tries to connect (default 10s).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" probe-network' -l 'probe-network' -d 'The probe container\'s network mode on each node\'s engine (default: the engine\'s, the one builds get).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet probe -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet probe -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet probe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" confirm y yes' -l 'confirm' -l 'yes' -s 'y' -d 'Make the change without asking (needed when stdin is not a terminal).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" dry-run' -l 'dry-run' -d 'Only show what would change; change nothing.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl fleet cleanup" -ge 1' -fka '(__osbsctl_custom_completion ---completion fleet cleanup -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" l selector' -s 'l' -l 'selector' -d 'Only the pods on nodes matching this selector.' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" run' -l 'run' -d 'Only this fleet run\'s pods (the report\'s runId).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" min-age' -l 'min-age' -d 'Keep pods younger than this, which a running fleet may own: 10m, 0s (default 10m).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion fleet cleanup -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion fleet cleanup -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl fleet cleanup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'Builds in every namespace.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl doctor" -eq 1' -fka '(__osbsctl_custom_completion ---completion doctor -- positional@0 (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" build' -l 'build' -d 'Start from this OpenShift build (or OSBS 2 PipelineRun) instead of a Koji task.' -rfka '(__osbsctl_custom_completion ---completion doctor -- --build (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" flows-from' -l 'flows-from' -d 'Read the node\'s flows from this `ovs-ofctl -O OpenFlow13 dump-flows br0` output (\'-\' for stdin).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" local-ovs' -l 'local-ovs' -d 'Read the flows from this host\'s Open vSwitch even though its host name is not the node\'s.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" bridge' -l 'bridge' -d 'The OVS bridge (default from config: br0).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" probe' -l 'probe' -d 'Also run the network probe (`node probe`) on the build\'s node through the cluster.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion doctor -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion doctor -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion doctor -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion config -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion config -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion config -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_positional "osbsctl config" -eq 1' -fa 'view' -d 'Print every resolved setting and the file (and line), flag or variable it came from.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" o output' -s 'o' -l 'output' -d 'Output format: table, json, yaml or name.' -rfka 'table json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion config view -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" c koji-config' -s 'c' -l 'koji-config' -d 'Read Koji profiles from this file only, as `koji -c` does.' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" koji-profile' -l 'koji-profile' -d 'Koji profile (section of the Koji config) to use.' -rfka '(__osbsctl_custom_completion ---completion config view -- --koji-profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" kubeconfig' -l 'kubeconfig' -d 'kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" context' -l 'context' -d 'kubeconfig context to use.' -rfka '(__osbsctl_custom_completion ---completion config view -- --context (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" n namespace' -s 'n' -l 'namespace' -d 'OpenShift namespace (project).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl config view" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" client' -l 'client' -d 'Only osbsctl\'s own version: libcurl is not loaded to ask for its version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name.' -rfka 'table wide json yaml name'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" config' -l 'config' -d 'osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).' -rF
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" p profile' -s 'p' -l 'profile' -d 'osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).' -rfka '(__osbsctl_custom_completion ---completion version -- --profile (count (__osbsctl_tokens -pc)) (__osbsctl_tokens -tC))'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" request-timeout' -l 'request-timeout' -d 'Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile\'s http.requestTimeout, else none).' -rfka ''
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" debug' -l 'debug' -d 'Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" color' -l 'color' -d 'Colour on stderr: auto (only on a terminal), always or never.' -rfka 'auto always never'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" q quiet' -s 'q' -l 'quiet' -d 'Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" version' -l 'version' -d 'Show the version.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'osbsctl' -n '__osbsctl_should_offer_completions_for_flags_or_options "osbsctl help" version' -l 'version' -d 'Show the version.'
