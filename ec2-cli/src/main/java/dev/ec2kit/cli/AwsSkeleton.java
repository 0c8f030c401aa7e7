package dev.ec2kit.cli;

import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.model.Model.Member;
import dev.ec2kit.internal.model.Model.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --generate-cli-skeleton [input|output]}: the operation's input (or output) as botocore's
 * ArgumentGenerator writes it: strings empty (an enum's first value), numbers 0, flags true, one
 * item per list; for output, strings are the members' names.
 */
final class AwsSkeleton {
  private AwsSkeleton() {}

  static String of(String op, String which) {
    Model.Operation operation = Model.ec2().operation(op);
    boolean output = which.equals("output");
    if (!output && !which.equals("input")) {
      throw new AwsParams.Refused(
          "aws: error: argument --generate-cli-skeleton: invalid choice: '"
              + which
              + "' (choose from 'input', 'output')",
          AwsCli.EXIT_USAGE);
    }
    Shape shape = output ? operation.output() : operation.input();
    if (shape == null) {
      return "{}";
    }
    return ModelJson.write(new AwsSkeleton.Generator(output).value(shape, "", new HashSet<>()));
  }

  private static final class Generator {
    private final boolean names;

    Generator(boolean names) {
      this.names = names;
    }

    Object value(Shape shape, String name, Set<String> stack) {
      switch (shape.type()) {
        case STRUCTURE -> {
          Map<String, Object> m = new LinkedHashMap<>();
          if (!stack.add(shape.name())) {
            return m;
          }
          for (Member member : shape.members().values()) {
            m.put(member.name(), value(member.shape(), member.name(), stack));
          }
          stack.remove(shape.name());
          return m;
        }
        case LIST -> {
          List<Object> l = new ArrayList<>();
          if (stack.add(shape.name())) {
            l.add(value(shape.item(), shape.item().name(), stack));
            stack.remove(shape.name());
          }
          return l;
        }
        case STRING -> {
          if (names) {
            return name;
          }
          return shape.enumValues().isEmpty() ? "" : firstEnumValue(shape.name());
        }
        case INTEGER, LONG -> {
          return 0L;
        }
        case DOUBLE, FLOAT -> {
          return 0.0;
        }
        case BOOLEAN -> {
          return true;
        }
        case TIMESTAMP -> {
          return "1970-01-01T00:00:00";
        }
        case BLOB -> {
          return names ? name : "";
        }
      }
      return null;
    }
  }

  /** An enum's first value in the model's order (the model's own Shape keeps them as a set). */
  private static String firstEnumValue(String shape) {
    try (InputStream in = Model.class.getResourceAsStream("ec2.model")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String head = "\nS\t" + shape + "\tstring\t";
      int at = text.indexOf(head);
      if (at < 0) {
        return "";
      }
      int start = at + head.length();
      int end = start;
      while (end < text.length() && text.charAt(end) != '\t' && text.charAt(end) != '\n') {
        end++;
      }
      return text.substring(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
