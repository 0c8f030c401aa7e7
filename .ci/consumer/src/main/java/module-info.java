/** The user's application as a module: its tests run on the module path (see pom.xml). */
module example {
  requires ec2.local;
}
