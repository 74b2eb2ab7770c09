package dev.rowguard.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The three compiler set-ups compared. All share the javac flags; the Error Prone ones add what
 * Error Prone requires, and rowguard differs from EP-only in the processor path alone.
 */
enum Configuration {
  JAVAC("javac"),
  ERROR_PRONE("EP-only"),
  ROWGUARD("EP+rowguard");

  final String label;

  Configuration(String label) {
    this.label = label;
  }

  List<String> pluginArgs(String errorPronePath, String rowguardPath) {
    return pluginArgs(errorPronePath, rowguardPath, List.of());
  }

  /**
   * As {@link #pluginArgs(String, String)}, with Error Prone flags ({@code -Xep...}) for both Error
   * Prone configurations.
   */
  List<String> pluginArgs(String errorPronePath, String rowguardPath, List<String> flags) {
    List<String> args = new ArrayList<>();
    if (this == JAVAC) {
      return args;
    }
    args.add("-XDcompilePolicy=simple");
    args.add("--should-stop=ifError=FLOW");
    args.add("-processorpath");
    args.add(
        this == ROWGUARD ? errorPronePath + File.pathSeparator + rowguardPath : errorPronePath);
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne");
    flags.forEach(f -> plugin.append(' ').append(f));
    args.add(plugin.toString());
    return args;
  }
}
