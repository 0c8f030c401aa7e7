package dev.ec2kit.cli;

import java.io.PrintWriter;

/** A command whose answer is one id: the id alone, or {"Key": "id"} in JSON. */
final class IdOutput {
  private IdOutput() {}

  static void print(
      Output run, PrintWriter out, GlobalOptions.Format format, String key, String id) {
    if (run.fromModel(out, format, m -> m)) {
      return;
    }
    if (format == GlobalOptions.Format.json) {
      out.println("{\n    " + Json.quote(key) + ": " + Json.quote(id) + "\n}");
    } else {
      out.println(id);
    }
    out.flush();
  }
}
