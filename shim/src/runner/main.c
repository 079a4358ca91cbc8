/* main() of kshim-run, the generic runner: loads the .ko files named on its command line. */
int kshim_runner_main(int argc, char **argv, const char *builtin_module);

int main(int argc, char **argv)
{
	return kshim_runner_main(argc, argv, 0);
}
