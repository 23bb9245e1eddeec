@echo off
rem genauth-sms: the GenAuth SMS Console command line, shipped inside the installed app (resources\bin).
rem It runs the app's own executable as plain Node (ELECTRON_RUN_AS_NODE, allowed by the RunAsNode fuse)
rem on the bundled CLI. A batch file waits for the program and passes its exit code on, which the
rem GUI-subsystem executable started directly from a shell would not.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\GenAuth SMS Console.exe" "%~dp0..\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
