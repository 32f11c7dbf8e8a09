#include "gateway/app/cli.h"

int main(int argc, char** argv) { return aduan::gateway::RunCli(argc, argv); }
