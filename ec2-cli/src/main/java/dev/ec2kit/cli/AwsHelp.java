package dev.ec2kit.cli;

import java.io.PrintWriter;
import java.util.Map;

/** {@code ec2 OPERATION help}: the operation's arguments, from the model. */
final class AwsHelp {
  private AwsHelp() {}

  static int operation(String op, Map<String, AwsCli.Arg> table, PrintWriter out) {
    out.println(AwsParams.kebab(op));
    out.println();
    out.println("SYNOPSIS");
    out.println("  " + AwsParams.kebab(op));
    table.forEach(
        (name, arg) -> {
          String type = arg.member() == null ? "string" : arg.member().shape().type().modelName();
          boolean required = arg.member() != null && arg.member().required() && !arg.negative();
          out.println(
              "    "
                  + (required ? "" : "[")
                  + name
                  + (arg.member() != null
                          && arg.member().shape().type()
                              == dev.ec2kit.internal.model.Model.Type.BOOLEAN
                      ? ""
                      : " <" + type + ">")
                  + (required ? "" : "]"));
        });
    out.flush();
    return 0;
  }
}
