package dev.ec2kit;

import dev.ec2kit.internal.areas.InstanceCalls;
import dev.ec2kit.internal.areas.Waiter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The instances (the manual's sections 5.0 and 10.0: {@code run-instances}, {@code
 * describe-instances}, {@code terminate-instances}, {@code wait-for-instance(s)}, {@code
 * query-status}, {@code get-console-output}; and EC2's stop, start and reboot), reached with {@link
 * Ec2#instances()}.
 *
 * <pre>{@code
 * List<Instance> web = ec2.instances().run("ami-0123456789abcdef0", 2, 2,
 *     RunOptions.builder().instanceType("t3.small").waitUntilRunning().build());
 * ec2.instances().stop(web, false);
 * ec2.instances().waitFor(web, InstanceState.STOPPED, WaitOptions.defaults());
 * ec2.instances().terminate(web);
 * }</pre>
 *
 * <p>Calls that take {@link Instance}s ask each instance's own identity and region, one call per
 * region and identity; calls that take ids ask the client's. Thread-safe.
 */
public final class Instances {
  private final Identity identity;
  private final InstanceCalls calls;
  private final Waiter waiter;

  Instances(Identity identity, InstanceCalls calls, Waiter waiter) {
    this.identity = identity;
    this.calls = calls;
    this.waiter = waiter;
  }

  /**
   * Runs {@code minCount} to {@code maxCount} instances of an image with the defaults of {@link
   * RunOptions}, without waiting for them to run.
   *
   * @param imageId the image ({@code ami-...})
   * @param minCount the fewest instances to launch, at least 1: EC2 launches none if it cannot
   * @param maxCount the most instances to launch, at least {@code minCount}
   * @return the launched instances, pending
   * @throws IllegalArgumentException when the image id is malformed or the counts are out of range,
   *     before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InstanceLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> run(String imageId, int minCount, int maxCount) {
    return run(imageId, minCount, maxCount, RunOptions.defaults());
  }

  /**
   * The manual's {@code run-instances}: launches at least {@code minCount} and at most {@code
   * maxCount} instances of {@code imageId}, or none. The launch carries one client token, reused on
   * every retry, so a retried call never launches twice. With {@link
   * RunOptions.Builder#waitUntilRunning()} it returns once all are running.
   *
   * <pre>{@code
   * List<Instance> web = ec2.instances().run("ami-0123456789abcdef0", 2, 2,
   *     RunOptions.builder().instanceType("t3.small").tag("Name", "web").waitUntilRunning().build());
   * }</pre>
   *
   * @param imageId the image ({@code ami-...})
   * @param minCount the fewest instances to launch, at least 1: EC2 launches none if it cannot
   * @param maxCount the most instances to launch, at least {@code minCount}
   * @param options the instance type, key pair, groups, tags, user data, and whether to wait
   * @return the launched instances: as launched (pending), or fresh copies once running when asked
   *     to wait
   * @throws IllegalArgumentException when the image id is malformed or the counts are out of range,
   *     before anything is sent
   * @throws NullPointerException when {@code options} is null
   * @throws InstanceWaitException when waiting, and the wait times out or an instance reaches a
   *     state from which it cannot run; the instances stay launched
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InstanceLimitExceeded})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> run(String imageId, int minCount, int maxCount, RunOptions options) {
    return launch(Ids.check("imageId", imageId, "ami-"), minCount, maxCount, options);
  }

  /**
   * Runs instances from the launch template the options name ({@link
   * RunOptions.Builder#launchTemplate}), with its image: the template's version holds the defaults,
   * the options win over them. Otherwise as {@link #run(String, int, int, RunOptions)}.
   *
   * <pre>{@code
   * ec2.instances().run(2, 2, RunOptions.builder().launchTemplate("web", "$Latest")
   *     .networkInterface(NetworkInterfaceSpec.device(0).subnet(subnetId).associatePublicIp(true))
   *     .build());
   * }</pre>
   *
   * @param minCount the fewest instances to launch, at least 1: EC2 launches none if it cannot
   * @param maxCount the most instances to launch, at least {@code minCount}
   * @param options the launch template, and what to set over it
   * @return the launched instances: as launched (pending), or fresh copies once running when asked
   *     to wait
   * @throws IllegalArgumentException when the options name no launch template or the counts are out
   *     of range, before anything is sent
   * @throws NullPointerException when {@code options} is null
   * @throws InstanceWaitException when waiting, and the wait times out or an instance reaches a
   *     state from which it cannot run; the instances stay launched
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidLaunchTemplateName.NotFoundException}, or {@code MissingParameter} when the template
   *     holds no image)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> run(int minCount, int maxCount, RunOptions options) {
    if (Objects.requireNonNull(options, "options").launchTemplate() == null) {
      throw new IllegalArgumentException(
          "run without an image id takes the image from a launch template: set one with"
              + " RunOptions.builder().launchTemplate(template, version), or pass the image id");
    }
    return launch(null, minCount, maxCount, options);
  }

  private List<Instance> launch(String imageId, int minCount, int maxCount, RunOptions options) {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
    }
    if (maxCount < minCount) {
      throw new IllegalArgumentException(
          "maxCount must be at least minCount (" + minCount + "), got " + maxCount);
    }
    Objects.requireNonNull(options, "options");
    List<Instance> launched = calls.runInstances(identity, imageId, minCount, maxCount, options);
    if (options.verbose() != null) {
      for (Instance i : launched) {
        options
            .verbose()
            .accept(
                "; launched "
                    + i.instanceId()
                    + " ("
                    + i.instanceType()
                    + " in "
                    + i.availabilityZone()
                    + "), "
                    + i.state()
                    + ".");
      }
    }
    if (!options.waitUntilRunning()) {
      return launched;
    }
    WaitOptions w = options.waitOptions();
    if (options.verbose() != null && w.progress() == null) {
      w = w.progress(options.verbose());
    }
    return waitFor(launched, InstanceState.RUNNING, w);
  }

  /**
   * The manual's {@code describe-instances}: instances pending, running or shutting down, across
   * every page.
   *
   * @return the instances of this client's region
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describe() {
    return describe(InstanceQuery.defaults());
  }

  /**
   * Instances by id, state and filter, across every page.
   *
   * @param query which instances
   * @return the instances of this client's region
   * @throws NullPointerException when {@code query} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound} for an id it does not know)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describe(InstanceQuery query) {
    return calls.describeInstances(identity, Objects.requireNonNull(query, "query"));
  }

  /**
   * As {@link #describe(InstanceQuery)}, handing the instances to {@code each} a page at a time (up
   * to 1,000 per DescribeInstances) and keeping none: the client's memory is bounded by one page
   * whatever the number of instances.
   *
   * @param query which instances
   * @param each called with each instance, in the calling thread
   * @throws NullPointerException when an argument is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void forEach(InstanceQuery query, java.util.function.Consumer<Instance> each) {
    Objects.requireNonNull(each, "each");
    calls.eachPage(identity, Objects.requireNonNull(query, "query"), page -> page.forEach(each));
  }

  /**
   * Fresh copies of these instances, each asked of its own region with its own identity (the
   * manual's {@code :instances}), whatever their state.
   *
   * @param which the instances, of any regions and identities
   * @return fresh copies, grouped by identity
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound} for an instance it has forgotten)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<Instance> describe(Collection<Instance> which) {
    List<Instance> out = new ArrayList<>();
    for (Map.Entry<Identity, List<String>> g : byIdentity(which).entrySet()) {
      out.addAll(
          calls.describeInstances(
              g.getKey(), InstanceQuery.builder().instanceIds(g.getValue()).build()));
    }
    return out;
  }

  /**
   * The instance with this id, in this client's region, whatever its state; empty when EC2 lists
   * none. EC2 answers an id it does not know with its own {@code InvalidInstanceID.NotFound}.
   *
   * @param instanceId the instance's id ({@code i-...})
   * @return the instance, or empty
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public java.util.Optional<Instance> find(String instanceId) {
    return describe(InstanceQuery.builder().instanceIds(instanceId).build()).stream().findFirst();
  }

  /**
   * Terminates instances (the manual's {@code terminate-instances}), one call per region and
   * identity.
   *
   * @param which the instances, of any regions and identities
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> terminate(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(calls.terminateInstances(id, ids)));
    return out;
  }

  /**
   * Terminates instances of this client's region by id (the manual's {@code terminate-instances}).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> terminate(String... instanceIds) {
    return calls.terminateInstances(identity, Ids.checkIds(instanceIds));
  }

  /**
   * Stops EBS-backed instances (EC2's StopInstances), one call per region and identity; {@code
   * force} skips the guest's orderly shutdown.
   *
   * @param which the instances, of any regions and identities
   * @param force whether to stop them without an orderly shutdown (EC2's Force)
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState} or {@code UnsupportedOperation} for an instance-store instance)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> stop(Collection<Instance> which, boolean force) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(calls.stopInstances(id, ids, force)));
    return out;
  }

  /**
   * Stops EBS-backed instances of this client's region by id, with an orderly shutdown.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> stop(String... instanceIds) {
    return calls.stopInstances(identity, Ids.checkIds(instanceIds), false);
  }

  /**
   * Stops these instances without waiting for their systems to shut down cleanly (EC2's Force).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> forceStop(String... instanceIds) {
    return calls.stopInstances(identity, Ids.checkIds(instanceIds), true);
  }

  /**
   * Starts stopped instances (EC2's StartInstances), one call per region and identity.
   *
   * @param which the instances, of any regions and identities
   * @return each instance's state change
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> start(Collection<Instance> which) {
    List<StateChange> out = new ArrayList<>();
    byIdentity(which).forEach((id, ids) -> out.addAll(calls.startInstances(id, ids)));
    return out;
  }

  /**
   * Starts stopped instances of this client's region by id.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @return each instance's state change
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     IncorrectInstanceState})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public List<StateChange> start(String... instanceIds) {
    return calls.startInstances(identity, Ids.checkIds(instanceIds));
  }

  /**
   * Reboots instances (the manual's {@code reboot-instances}), one call per region and identity;
   * they stay running.
   *
   * @param which the instances, of any regions and identities
   * @throws IllegalArgumentException when {@code which} is empty, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void reboot(Collection<Instance> which) {
    byIdentity(which).forEach(calls::rebootInstances);
  }

  /**
   * Reboots instances of this client's region by id; they stay running.
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public void reboot(String... instanceIds) {
    calls.rebootInstances(identity, Ids.checkIds(instanceIds));
  }

  /**
   * Waits until every instance is running, polling every 2 s for up to 10 minutes.
   *
   * @param which the instances, of any regions and identities
   * @return fresh copies of them, running, in the order given; empty when none is given
   * @throws InstanceWaitException when the 10 minutes pass, or an instance reaches a state from
   *     which it cannot run (shutting-down, terminated, stopping)
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitFor(Collection<Instance> which) {
    return waitFor(which, InstanceState.RUNNING, WaitOptions.defaults());
  }

  /**
   * The manual's {@code wait-for-instances}: waits until every instance is in {@code state} and
   * returns fresh copies of them. Each poll asks once per region and identity for all the
   * instances: one DescribeInstances per 200 instances named by id, or, for more than 200 instances
   * of at most 200 reservations (those {@code run} returned), one per 1,000 instances of those
   * reservations. An instance EC2 does not show yet (just launched) counts as not there yet.
   *
   * @param which the instances, of any regions and identities
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given; empty when none is given
   * @throws NullPointerException when {@code state} or {@code options} is null
   * @throws InstanceWaitException when the timeout passes, or an instance reaches a state from
   *     which {@code state} cannot come; it tells which instances reached the state
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitFor(
      Collection<Instance> which, InstanceState state, WaitOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    if (which.isEmpty()) {
      return List.of();
    }
    Map<String, String> reservations = new HashMap<>();
    which.forEach(
        i -> {
          if (i.reservationId() != null) {
            reservations.put(i.instanceId(), i.reservationId());
          }
        });
    return waiter.waitFor(byIdentity(which), reservations, state, options);
  }

  /**
   * As {@link #waitFor(Collection, InstanceState, WaitOptions)}, for instances of this client's
   * region named by id (they may not be visible yet).
   *
   * @param instanceIds the instances' ids ({@code i-...}); at least one
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return fresh copies of them in {@code state}, in the order given
   * @throws IllegalArgumentException when no id is given or one is malformed, before anything is
   *     sent
   * @throws NullPointerException when {@code state} or {@code options} is null
   * @throws InstanceWaitException when the timeout passes, or an instance reaches a state from
   *     which {@code state} cannot come
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public List<Instance> waitForIds(
      Collection<String> instanceIds, InstanceState state, WaitOptions options) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(options, "options");
    return waiter.waitFor(
        Map.of(identity, Ids.checkIds(instanceIds.toArray(String[]::new))), state, options);
  }

  /**
   * The manual's {@code wait-for-instance}: waits until one instance is in {@code state}.
   *
   * @param instance the instance
   * @param state the state to wait for
   * @param options how often to poll, and for how long
   * @return a fresh copy of it in {@code state}
   * @throws NullPointerException when an argument is null
   * @throws InstanceWaitException when the timeout passes, or the instance reaches a state from
   *     which {@code state} cannot come
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when a poll cannot reach the endpoint, or the thread is
   *     interrupted while waiting
   */
  public Instance waitFor(Instance instance, InstanceState state, WaitOptions options) {
    return waitFor(List.of(instance), state, options).get(0);
  }

  /**
   * The manual's {@code query-status}: the instance's state now, and a fresh copy. When EC2 lists
   * no instance, or no longer knows its id ({@code InvalidInstanceID.NotFound}: it forgets
   * terminated instances after about an hour), it has been terminated: its state is then {@code
   * TERMINATED}, with the copy given.
   *
   * @param instance the instance, of any region and identity
   * @return its state and a fresh copy
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public InstanceStatus status(Instance instance) {
    List<Instance> fresh;
    try {
      fresh = describe(List.of(instance));
    } catch (Ec2Exception e) {
      if (!e.code().equals("InvalidInstanceID.NotFound")) {
        throw e;
      }
      fresh = List.of();
    }
    if (fresh.isEmpty()) {
      return new InstanceStatus(InstanceState.TERMINATED, instance);
    }
    return new InstanceStatus(fresh.get(0).state(), fresh.get(0));
  }

  /**
   * The manual's {@code get-console-output}: the decoded text and when it was last updated.
   *
   * @param instance the instance, of any region and identity
   * @return its console output; empty text while it has written nothing
   * @throws NullPointerException when {@code instance} is null
   * @throws Ec2Exception when EC2 refuses the call (its code names why)
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public ConsoleOutput consoleOutput(Instance instance) {
    return calls.getConsoleOutput(instance.identity(), instance.instanceId());
  }

  /**
   * The console output of an instance of this client's region, by id.
   *
   * @param instanceId the instance's id ({@code i-...})
   * @return its console output; empty text while it has written nothing
   * @throws IllegalArgumentException when the id is malformed, before anything is sent
   * @throws Ec2Exception when EC2 refuses the call (its code names why, such as {@code
   *     InvalidInstanceID.NotFound})
   * @throws java.io.UncheckedIOException when the endpoint cannot be reached, does not answer
   *     within the call timeout, or answers with something that is not EC2's XML; the message names
   *     the endpoint
   */
  public ConsoleOutput consoleOutput(String instanceId) {
    return calls.getConsoleOutput(identity, Ids.check("instanceId", instanceId, "i-"));
  }

  private static Map<Identity, List<String>> byIdentity(Collection<Instance> which) {
    Map<Identity, List<String>> out = new LinkedHashMap<>();
    for (Instance i : which) {
      out.computeIfAbsent(i.identity(), k -> new ArrayList<>()).add(i.instanceId());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("instances must not be empty: name at least one");
    }
    return out;
  }

  @Override
  public String toString() {
    return "Instances[" + identity + "]";
  }
}
