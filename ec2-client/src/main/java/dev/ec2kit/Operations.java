package dev.ec2kit;

import dev.ec2kit.internal.model.AnswerReader;
import dev.ec2kit.internal.model.Model;
import dev.ec2kit.internal.model.RequestWriter;
import dev.ec2kit.internal.query.Params;
import dev.ec2kit.internal.query.QueryClient;
import dev.ec2kit.internal.query.Repeat;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every EC2 operation by name, driven by botocore's EC2 model compiled into this library: the long
 * tail the typed methods of {@link Ec2} do not cover (765 operations, 43 waiters, 171 paginators).
 * Parameters and answers are trees of the model's shapes: a structure is a {@code Map} of member
 * names (EC2's, as the AWS SDKs and botocore spell them), a list a {@code List}, and the scalars
 * {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Float}, {@code Boolean},
 * {@link java.time.Instant} and {@code byte[]}.
 *
 * <pre>{@code
 * Operations ops = ec2.operations();
 * Map<String, Object> vpc = ops.call("CreateVpc", Map.of("CidrBlock", "10.0.0.0/16"));
 * String vpcId = (String) ((Map<?, ?>) vpc.get("Vpc")).get("VpcId");
 * ops.paginate("DescribeInstances", Map.of("MaxResults", 5)).items().forEach(System.out::println);
 * ops.waiter("InstanceRunning").waitFor(Map.of("InstanceIds", List.of("i-0123456789abcdef0")));
 * }</pre>
 *
 * <p>Parameters are checked against the model before anything is sent: a member the input does not
 * have (with the nearest names), a required one missing, a value of the wrong type, or a value an
 * enum does not list is an {@link IllegalArgumentException} naming the operation and the member's
 * path. Idempotency tokens ({@code ClientToken}) left out are filled with a random UUID, as the AWS
 * SDKs do. Calls are signed, retried and bounded by the client's deadline exactly as the typed
 * methods' are. The model is read the first time an operation needs it.
 */
public final class Operations {
  private static final Set<String> SAME_WHEN_REPEATED =
      Set.of(
          "TerminateInstances",
          "StopInstances",
          "StartInstances",
          "RebootInstances",
          "CreateTags",
          "DeleteTags");

  private final QueryClient query;
  private final Identity identity;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RequestWriter writer;

  Operations(QueryClient query, Identity identity, Clock clock, Sleeper sleeper) {
    this(query, identity, clock, sleeper, UUID::randomUUID);
  }

  Operations(
      QueryClient query, Identity identity, Clock clock, Sleeper sleeper, Supplier<UUID> tokens) {
    this.query = query;
    this.identity = identity;
    this.clock = clock;
    this.sleeper = sleeper;
    this.writer = new RequestWriter(tokens);
  }

  /**
   * The names of every operation in the model ({@code AcceptAddressTransfer} ... {@code
   * WithdrawByoipCidr}).
   *
   * @return the operation names
   */
  public Set<String> names() {
    return Model.ec2().operations().keySet();
  }

  /**
   * The names of every waiter in the model ({@code InstanceRunning}, {@code VolumeAvailable}...).
   *
   * @return the waiter names
   */
  public Set<String> waiterNames() {
    return Model.ec2().waiters().keySet();
  }

  /**
   * The operations that answer in pages, which {@link #paginate} takes.
   *
   * @return the names of the paginated operations
   */
  public Set<String> paginatedNames() {
    return Model.ec2().paginators().keySet();
  }

  /**
   * Calls an operation without parameters.
   *
   * @param operation the operation's name, such as {@code DescribeRegions}
   * @return the answer as the output shape's tree; empty for an operation without output
   * @throws IllegalArgumentException when EC2 has no such operation, or a required member is
   *     missing
   * @throws Ec2Exception the service's error
   * @throws java.io.UncheckedIOException the endpoint could not be reached in the call's deadline
   */
  public Map<String, Object> call(String operation) {
    return call(operation, Map.of());
  }

  /**
   * Calls an operation with parameters.
   *
   * @param operation the operation's name, such as {@code CreateVpc}
   * @param params the input's members by name (a null value is left out)
   * @return the answer as the output shape's tree; empty for an operation without output
   * @throws IllegalArgumentException when EC2 has no such operation or a parameter does not fit the
   *     model; nothing was sent
   * @throws Ec2Exception the service's error
   * @throws java.io.UncheckedIOException the endpoint could not be reached in the call's deadline
   */
  public Map<String, Object> call(String operation, Map<String, ?> params) {
    Model.Operation op = Model.ec2().operation(operation);
    return send(op, writer.write(op, params));
  }

  Map<String, Object> send(Model.Operation op, Map<String, String> form) {
    Params p = new Params();
    form.forEach(p::put);
    return AnswerReader.read(
        op.name(), op.output(), query.call(identity, op.name(), p, repeat(op)));
  }

  RequestWriter writer() {
    return writer;
  }

  /**
   * Reads may be repeated after a lost answer, and so may calls carrying an idempotency token and
   * those whose repeat answers the same (as the typed methods send them: {@link Repeat}); anything
   * else is sent again only when it certainly did not run.
   */
  private static Repeat repeat(Model.Operation op) {
    String n = op.name();
    if (n.startsWith("Describe")
        || n.startsWith("Get")
        || n.startsWith("List")
        || SAME_WHEN_REPEATED.contains(n)) {
      return Repeat.SAFE;
    }
    return op.input().members().values().stream().anyMatch(Model.Member::token)
        ? Repeat.SAFE
        : Repeat.ONCE;
  }

  /**
   * The pages of a paginated operation, fetched one at a time as they are read: each next page asks
   * with the previous answer's token ({@code NextToken} for most). Set the page size with the
   * operation's limit member ({@code MaxResults}) among the parameters.
   *
   * @param operation a paginated operation, such as {@code DescribeInstances}
   * @param params the input's members by name, without the token
   * @return the pages, lazily
   * @throws IllegalArgumentException when the operation does not answer in pages, or a parameter
   *     does not fit the model; nothing was sent
   */
  public OperationPages paginate(String operation, Map<String, ?> params) {
    Model.Operation op = Model.ec2().operation(operation);
    Model.PaginatorSpec spec =
        Model.ec2()
            .paginator(operation)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        operation
                            + " does not answer in pages; call it with call(\""
                            + operation
                            + "\", params)"));
    writer.write(op, params); // checked now, before the first page is asked for
    return new OperationPages(this, op, spec, params);
  }

  /**
   * A waiter of the model by name, with its own delay, attempts and acceptors, polling as this
   * client.
   *
   * @param name the waiter's name, such as {@code InstanceRunning} or {@code VolumeAvailable}
   * @return the waiter; its delay and attempts can be changed before waiting
   * @throws IllegalArgumentException when the model has no such waiter (the message names the
   *     nearest)
   */
  public OperationWaiter waiter(String name) {
    Model.WaiterSpec spec = Model.ec2().waiters().get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "EC2 has no waiter "
              + name
              + dev.ec2kit.internal.model.Names.didYouMean(name, waiterNames())
              + " (waiterNames() lists them)");
    }
    return new OperationWaiter(this, spec, clock, sleeper, null, null);
  }
}
