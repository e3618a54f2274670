#!/bin/bash

__osbsctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__osbsctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${unparsed_words[${word_index}]}" != '=' && "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__osbsctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__osbsctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_osbsctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local prev="${3}"
    [[ "${prev}" = '=' && "${COMP_CWORD}" -ge 2 ]] && prev="${COMP_WORDS[COMP_CWORD - 2]}"
    local -r prev

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--debug -q --quiet --version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    container-build|task|koji|build|node|prune|disk|ovs|fleet|doctor|config|version|help)
        # Offer subcommand argument completions
        "_osbsctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'container-build task koji build node prune disk ovs fleet doctor config version help' -- "${cur}"))
        ;;
    esac
}

_osbsctl_container-build() {
    repeating_flags=()
    non_repeating_flags=(--scratch --isolated --background --nowait --no-logs --dry-run --debug -q --quiet --version -h --help)
    repeating_options=(--arches --repo-url --compose-id)
    non_repeating_options=(-C --directory --release --koji-parent-build --signing-intent --channel --priority --target --git-branch --interval -o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--directory')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -d
        return
        ;;
    '--release')
        return
        ;;
    '--arches')
        return
        ;;
    '--repo-url')
        return
        ;;
    '--koji-parent-build')
        return
        ;;
    '--signing-intent')
        return
        ;;
    '--compose-id')
        return
        ;;
    '--channel')
        return
        ;;
    '--priority')
        return
        ;;
    '--target')
        return
        ;;
    '--git-branch')
        return
        ;;
    '--interval')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion container-build -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion container-build -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_task() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    watch|logs|info|cancel)
        # Offer subcommand argument completions
        "_osbsctl_task_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'watch logs info cancel' -- "${cur}"))
        ;;
    esac
}

_osbsctl_task_watch() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--interval -o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task watch -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task watch -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task watch -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_task_logs() {
    repeating_flags=()
    non_repeating_flags=(-f --follow --debug -q --quiet --version -h --help)
    repeating_options=(--log)
    non_repeating_options=(--interval -o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--log')
        return
        ;;
    '--interval')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task logs -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task logs -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task logs -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_task_info() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task info -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task info -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task info -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_task_cancel() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task cancel -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task cancel -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion task cancel -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_koji() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion koji -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion koji -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion koji -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    whoami)
        # Offer subcommand argument completions
        "_osbsctl_koji_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'whoami' -- "${cur}"))
        ;;
    esac
}

_osbsctl_koji_whoami() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion koji whoami -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion koji whoami -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|logs|watch|cancel|node|for-task)
        # Offer subcommand argument completions
        "_osbsctl_build_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get logs watch cancel node for-task' -- "${cur}"))
        ;;
    esac
}

_osbsctl_build_list() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --running --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --kind -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build list -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build list -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_build_get() {
    repeating_flags=()
    non_repeating_flags=(--raw --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build get -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build get -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build get -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build_logs() {
    repeating_flags=()
    non_repeating_flags=(-f --follow --timestamps --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build logs -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build logs -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build logs -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build_watch() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build watch -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build watch -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build watch -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build_cancel() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind --grace -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '--grace')
        __osbsctl_add_completions -W 'CancelledRunFinally'$'\n''StoppedRunFinally'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build cancel -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build cancel -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build cancel -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build_node() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __osbsctl_add_completions -W 'build'$'\n''pipelinerun'
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build node -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build node -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build node -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_build_for-task() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build for-task -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build for-task -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build for-task -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion build for-task -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_node() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|pods|cordon|uncordon|drain|probe)
        # Offer subcommand argument completions
        "_osbsctl_node_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list pods cordon uncordon drain probe' -- "${cur}"))
        ;;
    esac
}

_osbsctl_node_list() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node list -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node list -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_node_pods() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node pods -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node pods -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node pods -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_node_cordon() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node cordon -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node cordon -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node cordon -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_node_uncordon() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node uncordon -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node uncordon -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node uncordon -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_node_drain() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --evict-builds --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--timeout --interval -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--timeout')
        return
        ;;
    '--interval')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node drain -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node drain -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node drain -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_node_probe() {
    repeating_flags=()
    non_repeating_flags=(--local --cleanup --confirm --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --target --timeout --image --host --network --min-age -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--target')
        return
        ;;
    '--timeout')
        return
        ;;
    '--image')
        return
        ;;
    '--host')
        return
        ;;
    '--network')
        return
        ;;
    '--min-age')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node probe -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node probe -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion node probe -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_prune() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    builds|containers|images|node|all)
        # Offer subcommand argument completions
        "_osbsctl_prune_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'builds containers images node all' -- "${cur}"))
        ;;
    esac
}

_osbsctl_prune_builds() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --orphans --confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--keep-complete --keep-failed --keep-younger-than --parallel -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--keep-complete')
        return
        ;;
    '--keep-failed')
        return
        ;;
    '--keep-younger-than')
        return
        ;;
    '--parallel')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune builds -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune builds -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_prune_containers() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=(--filter)
    non_repeating_options=(--host --parallel --until -o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--parallel')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune containers -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_prune_images() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --unused --debug -q --quiet --version -h --help)
    repeating_options=(--filter)
    non_repeating_options=(--host --parallel --older-than -o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--parallel')
        return
        ;;
    '--older-than')
        return
        ;;
    '--filter')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune images -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_prune_node() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --unused --debug -q --quiet --version -h --help)
    repeating_options=(--filter)
    non_repeating_options=(--host --parallel --until --older-than -o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--parallel')
        return
        ;;
    '--until')
        return
        ;;
    '--older-than')
        return
        ;;
    '--filter')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune node -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_prune_all() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --orphans --confirm --yes -y --dry-run --unused --debug -q --quiet --version -h --help)
    repeating_options=(--filter)
    non_repeating_options=(--keep-complete --keep-failed --keep-younger-than --host --parallel --until --older-than -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--keep-complete')
        return
        ;;
    '--keep-failed')
        return
        ;;
    '--keep-younger-than')
        return
        ;;
    '--host')
        return
        ;;
    '--parallel')
        return
        ;;
    '--until')
        return
        ;;
    '--older-than')
        return
        ;;
    '--filter')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune all -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion prune all -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_disk() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion disk -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion disk -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion disk -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    usage)
        # Offer subcommand argument completions
        "_osbsctl_disk_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'usage' -- "${cur}"))
        ;;
    esac
}

_osbsctl_disk_usage() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--host -o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion disk usage -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_ovs() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    flows|check|fix)
        # Offer subcommand argument completions
        "_osbsctl_ovs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'flows check fix' -- "${cur}"))
        ;;
    esac
}

_osbsctl_ovs_flows() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--bridge --ofctl --openflow-version --from --table -o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--bridge')
        return
        ;;
    '--ofctl')
        return
        ;;
    '--openflow-version')
        return
        ;;
    '--from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--table')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs flows -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_ovs_check() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--node --pods-from --pods-json --from --bridge --ofctl --openflow-version -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs check -- --node "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--pods-from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--pods-json')
        return
        ;;
    '--from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--bridge')
        return
        ;;
    '--ofctl')
        return
        ;;
    '--openflow-version')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs check -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs check -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_ovs_fix() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--node --pods-from --pods-json --from --bridge --ofctl --openflow-version -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs fix -- --node "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--pods-from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--pods-json')
        return
        ;;
    '--from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--bridge')
        return
        ;;
    '--ofctl')
        return
        ;;
    '--openflow-version')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs fix -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion ovs fix -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_fleet() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    prune|disk|ovs-check|probe|cleanup)
        # Offer subcommand argument completions
        "_osbsctl_fleet_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'prune disk ovs-check probe cleanup' -- "${cur}"))
        ;;
    esac
}

_osbsctl_fleet_prune() {
    repeating_flags=()
    non_repeating_flags=(--include-unschedulable --confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --parallel --image --timeout -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--parallel')
        return
        ;;
    '--image')
        return
        ;;
    '--timeout')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet prune -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet prune -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet prune -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_fleet_disk() {
    repeating_flags=()
    non_repeating_flags=(--include-unschedulable --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --parallel --image --timeout -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--parallel')
        return
        ;;
    '--image')
        return
        ;;
    '--timeout')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet disk -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet disk -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet disk -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_fleet_ovs-check() {
    repeating_flags=()
    non_repeating_flags=(--include-unschedulable --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --parallel --image --timeout --bridge -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--parallel')
        return
        ;;
    '--image')
        return
        ;;
    '--timeout')
        return
        ;;
    '--bridge')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet ovs-check -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet ovs-check -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet ovs-check -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_fleet_probe() {
    repeating_flags=()
    non_repeating_flags=(--include-unschedulable --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --parallel --image --timeout --target --probe-image --probe-timeout --probe-network -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--parallel')
        return
        ;;
    '--image')
        return
        ;;
    '--timeout')
        return
        ;;
    '--target')
        return
        ;;
    '--probe-image')
        return
        ;;
    '--probe-timeout')
        return
        ;;
    '--probe-network')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet probe -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet probe -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet probe -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_fleet_cleanup() {
    repeating_flags=()
    non_repeating_flags=(--confirm --yes -y --dry-run --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-l --selector --run --min-age -o --output --config -p --profile --request-timeout --color --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-l'|'--selector')
        return
        ;;
    '--run')
        return
        ;;
    '--min-age')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet cleanup -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet cleanup -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion fleet cleanup -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_doctor() {
    repeating_flags=()
    non_repeating_flags=(-A --all-namespaces --local-ovs --probe --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--build --flows-from --bridge -o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--build')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion doctor -- --build "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--flows-from')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--bridge')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion doctor -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion doctor -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion doctor -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion doctor -- positional@0 "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_osbsctl_config() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace -o --output)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    view)
        # Offer subcommand argument completions
        "_osbsctl_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'view' -- "${cur}"))
        ;;
    esac
}

_osbsctl_config_view() {
    repeating_flags=()
    non_repeating_flags=(--debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color -c --koji-config --koji-profile --kubeconfig --context -n --namespace)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config view -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '-c'|'--koji-config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--koji-profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config view -- --koji-profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--kubeconfig')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '--context')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion config view -- --context "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '-n'|'--namespace')
        return
        ;;
    esac
}

_osbsctl_version() {
    repeating_flags=()
    non_repeating_flags=(--client --debug -q --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --config -p --profile --request-timeout --color)
    __osbsctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        __osbsctl_add_completions -W 'table'$'\n''wide'$'\n''json'$'\n''yaml'$'\n''name'
        return
        ;;
    '--config')
        compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f
        return
        ;;
    '-p'|'--profile')
        __osbsctl_add_completions -W "$(__osbsctl_custom_complete ---completion version -- --profile "${COMP_CWORD}" "$(__osbsctl_cursor_index_in_current_word)")"
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--color')
        __osbsctl_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_osbsctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __osbsctl_offer_flags_options -1
}

complete -F _osbsctl osbsctl
