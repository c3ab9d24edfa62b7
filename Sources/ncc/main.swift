import NCCCLI
CLI.main()
