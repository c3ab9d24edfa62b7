import NCCCLI

CLI.main()
