/** A user's program, as ModulePathIT compiles and runs it from the module path. */
module consumer {
  requires ec2.local;
  requires ec2.ssh;
}
