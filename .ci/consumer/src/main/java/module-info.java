/**
 * The user's application as a module: its tests run on the module path (see pom.xml), in it, so
 * it requires what they use (README, "Use it from your code").
 */
module example {
  requires ec2.local;
  requires ec2.ssh;
}
