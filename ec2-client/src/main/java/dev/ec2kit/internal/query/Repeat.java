package dev.ec2kit.internal.query;

/** Whether a call may be sent again once EC2 may have acted on it. */
public enum Repeat {
  /**
   * Reads, calls carrying a ClientToken (RunInstances, CreateVolume, CopyImage), and state changes
   * whose repeat answers the same (TerminateInstances, StopInstances, StartInstances,
   * RebootInstances): retried after server faults and lost answers.
   */
  SAFE,
  /**
   * Everything else (AllocateAddress, CreateSecurityGroup, CreateKeyPair, deletes...): sent again
   * only when it certainly did not run (throttled, or the connection never opened); a lost answer
   * is an {@link dev.ec2kit.UnknownOutcomeException}.
   */
  ONCE
}
