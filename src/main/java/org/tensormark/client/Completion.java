package org.tensormark.client;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bash completion script of the client, made from the commands' usage lines: the command
 * names, each command's subcommands (the plain words that open a usage alternative, such as
 * {@code roster list | import}) and its {@code --options}; files everywhere else.
 */
final class Completion {

    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    private Completion() {
    }

    static String bash(Map<String, String> usages) {
        StringBuilder cases = new StringBuilder();
        usages.forEach((name, usage) -> cases.append("    ").append(name).append(") subcommands=\"")
                .append(String.join(" ", subcommands(name, usage))).append("\"; options=\"")
                .append(String.join(" ", options(usage))).append("\" ;;\n"));
        return """
                # bash completion for tensormark; made by `tensormark completion bash`.
                # Load it with:  source <(tensormark completion bash)
                _tensormark() {
                  local cur=${COMP_WORDS[COMP_CWORD]} subcommands="" options=""
                  if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "%s" -- "$cur"))
                    return
                  fi
                  case "${COMP_WORDS[1]}" in
                %s  esac
                  if [[ "$cur" == -* ]]; then
                    COMPREPLY=($(compgen -W "$options --json --ca --help" -- "$cur"))
                  elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$subcommands" ]; then
                    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
                  else
                    COMPREPLY=($(compgen -f -- "$cur"))
                  fi
                }
                complete -o filenames -F _tensormark tensormark
                """.formatted(String.join(" ", usages.keySet()), cases);
    }

    static Set<String> subcommands(String name, String usage) {
        Set<String> words = new LinkedHashSet<>();
        for (String alternative : usage.substring(name.length()).split(" \\| ")) {
            String first = alternative.strip().split(" ", 2)[0];
            if (first.matches("[a-z][a-z-]*")) {
                words.add(first);
            }
        }
        return words;
    }

    static Set<String> options(String usage) {
        Set<String> options = new LinkedHashSet<>();
        Matcher m = OPTION.matcher(usage);
        while (m.find()) {
            options.add(m.group());
        }
        return options;
    }
}
