/* A shared library that is not an nnsweep plugin: no nnsweep_plugin(). */
int not_a_plugin(void) {
  return 1;
}
