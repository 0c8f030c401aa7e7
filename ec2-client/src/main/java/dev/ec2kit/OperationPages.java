package dev.ec2kit;

import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.xml.XmlNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The pages of a paginated operation ({@link Operations#paginate}), asked for one at a time as they
 * are read: iterating twice calls the operation again. A page is the operation's whole answer as a
 * tree; {@link #items()} are the elements of its result lists, page after page.
 *
 * <pre>{@code
 * ec2.operations()
 *     .paginate("DescribeInstances", Map.of("MaxResults", 5))
 *     .items()
 *     .forEach(reservation -> System.out.println(((Map<?, ?>) reservation).get("ReservationId")));
 * }</pre>
 *
 * <p>A token that comes back twice is a malformed answer, not an endless loop, as botocore's
 * PaginationError says.
 */
public final class OperationPages implements Iterable<Map<String, Object>> {
  private final Operations operations;
  private final Model.Operation op;
  private final Model.PaginatorSpec spec;
  private final Map<String, ?> params;

  OperationPages(
      Operations operations, Model.Operation op, Model.PaginatorSpec spec, Map<String, ?> params) {
    this.operations = operations;
    this.op = op;
    this.spec = spec;
    this.params = params == null ? Map.of() : new LinkedHashMap<>(params);
  }

  /**
   * The output members whose lists hold the items ({@code Reservations} for DescribeInstances).
   *
   * @return the result keys of the operation's paginator
   */
  public List<String> resultKeys() {
    return spec.resultKeys();
  }

  /**
   * The pages, each asked for when the iterator reaches it.
   *
   * @return an iterator over the answers, the first with the parameters as given
   */
  @Override
  public Iterator<Map<String, Object>> iterator() {
    return new Iterator<>() {
      private String token;
      private boolean done;
      private final Set<String> seen = new HashSet<>();

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Map<String, Object> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        Map<String, Object> p = new LinkedHashMap<>(params);
        if (token != null) {
          p.put(spec.inputToken(), token);
        }
        Map<String, Object> page = operations.send(op, operations.writer().write(op, p));
        Object next = page.get(spec.outputToken());
        if (next instanceof String s && !s.isEmpty()) {
          if (!seen.add(s)) {
            throw new XmlNode.MalformedAnswerException(
                op.name()
                    + " answered the same "
                    + spec.outputToken()
                    + " twice; stopping instead of asking for the same page for ever");
          }
          token = s;
        } else {
          done = true;
        }
        return page;
      }
    };
  }

  /**
   * The pages as a lazy stream.
   *
   * @return the answers, page after page
   */
  public Stream<Map<String, Object>> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * The items of the first result key ({@link #resultKeys()}), page after page.
   *
   * @return the elements of each page's result list, lazily
   */
  public Stream<Object> items() {
    return items(spec.resultKeys().get(0));
  }

  /**
   * The elements of one list member of the answer, page after page.
   *
   * @param resultKey an output member holding a list, such as {@code Reservations}
   * @return the elements of that list in each page, lazily
   * @throws IllegalArgumentException when the output has no such member
   */
  public Stream<Object> items(String resultKey) {
    if (!op.output().members().containsKey(resultKey)) {
      throw new IllegalArgumentException(
          op.name()
              + " answers no "
              + resultKey
              + dev.ec2kit.internal.model.Names.didYouMean(
                  resultKey, op.output().members().keySet())
              + "; its result keys are "
              + String.join(", ", spec.resultKeys()));
    }
    return stream()
        .flatMap(
            page ->
                page.get(resultKey) instanceof List<?> l
                    ? l.stream().map(o -> (Object) o)
                    : Stream.empty());
  }

  @Override
  public String toString() {
    return "OperationPages[" + op.name() + "]"; // not the parameters: they may hold user data
  }
}
