package dev.ec2kit.cli;

import dev.ec2kit.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the command being run, kept as they came (action and body of each successful
 * call), so {@code --output json} and {@code --query} work on EC2's own answer, shaped as the AWS
 * CLI shapes it, rather than on the table's summary.
 */
final class Captured implements Transport {
  /** One answer: its action and body, and whether it was a later page (the call had NextToken). */
  record Answer(String action, byte[] body, boolean laterPage) {}

  private final Transport delegate;
  private final List<Answer> answers = new ArrayList<>();

  private Captured(Transport delegate) {
    this.delegate = delegate;
  }

  /** A transport that keeps the answers it carries ({@link Output#capture} keeps it per run). */
  static Captured around(Transport delegate) {
    return new Captured(delegate);
  }

  /** The answers so far. */
  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /**
   * The first action's answer, all its pages: what the AWS CLI would print for the command. When
   * the action was called again and again (the polls of a wait), its last call and that call's
   * pages: the state the wait ended on.
   */
  List<Answer> first() {
    List<Answer> all = answers();
    if (all.isEmpty()) {
      return all;
    }
    String action = all.get(0).action();
    List<Answer> out = new ArrayList<>();
    for (Answer a : all) {
      if (!a.action().equals(action)) {
        break;
      }
      if (!a.laterPage()) {
        out.clear(); // a new call, not a page of the one before
      }
      out.add(a);
    }
    return out;
  }

  @Override
  public Response send(Request request) throws IOException {
    Response r = delegate.send(request);
    if (r.status() == 200) {
      String form = new String(request.body(), StandardCharsets.UTF_8);
      int start = form.indexOf("Action=");
      if (start >= 0) {
        int end = form.indexOf('&', start);
        String action = form.substring(start + 7, end < 0 ? form.length() : end);
        String auth = request.headers().getOrDefault("Authorization", "");
        if (auth.contains("/sts/aws4_request") || action.startsWith("AssumeRole")) {
          return r; // the credential chain's STS calls are not the command's answer
        }
        boolean laterPage = form.contains("&NextToken=") || form.startsWith("NextToken=");
        synchronized (answers) {
          answers.add(new Answer(action, r.body(), laterPage));
        }
      }
    }
    return r;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
