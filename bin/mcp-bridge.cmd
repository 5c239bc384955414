@echo off
rem mcp-bridge launcher for Windows: runs mcp-bridge.jar with small-footprint JVM flags and a start-up cache.
rem
rem   bin\mcp-bridge.cmd [mcp-bridge arguments...]
rem
rem Environment (as for bin/mcp-bridge):
rem   MCP_BRIDGE_JAR        the jar (default: ..\target\mcp-bridge.jar, .\mcp-bridge.jar or ..\lib\mcp-bridge.jar)
rem   JAVA_HOME             the Java 17+ runtime (default: java on PATH)
rem   MCP_BRIDGE_JAVA_OPTS  extra JVM options
rem   MCP_BRIDGE_CDS        0: no AOT cache / class-data-sharing archive
rem   MCP_BRIDGE_FOOTPRINT  0: drop the small-footprint flags
rem
rem Java 25+: an AOT cache (JEP 483/514) in %LOCALAPPDATA%\mcp-bridge, written by the first run when it exits
rem (-XX:AOTCacheOutput, to a temporary name, moved into place afterwards) and used by later runs (-XX:AOTCache,
rem which the JVM ignores if it no longer matches). Java 19-24: the JVM's own auto-created AppCDS archive
rem (-XX:+AutoCreateSharedArchive, which the JVM validates and recreates itself). Older or unknown: no cache.
rem Nothing is ever written to stdout but the protocol: JVM messages go to stderr.
setlocal EnableExtensions EnableDelayedExpansion

set "here=%~dp0"
set "jar=%MCP_BRIDGE_JAR%"
if not defined jar (
    for %%c in ("%here%..\target\mcp-bridge.jar" "%here%mcp-bridge.jar" "%here%..\lib\mcp-bridge.jar") do (
        if not defined jar if exist "%%~c" set "jar=%%~fc"
    )
)
if not defined jar (
    echo mcp-bridge: cannot find mcp-bridge.jar next to %here% ^(build it with 'mvn package' or set MCP_BRIDGE_JAR^) 1>&2
    exit /b 127
)
if not exist "%jar%" (
    echo mcp-bridge: MCP_BRIDGE_JAR=%jar%: no such file 1>&2
    exit /b 127
)
for %%j in ("%jar%") do set "jar=%%~fj"

set "java="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "java=%JAVA_HOME%\bin\java.exe"
if not defined java (
    for /f "delims=" %%p in ('where java 2^>nul') do if not defined java set "java=%%p"
)
if not defined java (
    echo mcp-bridge: no java on PATH ^(install a Java 17+ runtime or set JAVA_HOME^) 1>&2
    exit /b 127
)
for %%j in ("%java%") do set "javahome=%%~dpj.."

rem The major version, from the runtime's release file.
set "major="
if exist "%javahome%\release" (
    for /f "tokens=2 delims==" %%v in ('findstr /b /c:"JAVA_VERSION=" "%javahome%\release"') do set "version=%%~v"
    for /f "tokens=1 delims=." %%m in ("!version!") do set "major=%%m"
)

set "flags=-Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr"
if not "%MCP_BRIDGE_FOOTPRINT%"=="0" (
    echo( %MCP_BRIDGE_JAVA_OPTS% | findstr /r /c:"-XX:+Use[A-Za-z]*GC" >nul || set "flags=!flags! -XX:+UseSerialGC"
    set "flags=!flags! -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1"
    if defined major if !major! GEQ 25 set "flags=!flags! -XX:+UseCompactObjectHeaders"
)

set "cache="
if not "%MCP_BRIDGE_CDS%"=="0" if defined major if defined LOCALAPPDATA (
    set "cache=%LOCALAPPDATA%\mcp-bridge"
    if not exist "!cache!" mkdir "!cache!" 2>nul
    if not exist "!cache!" set "cache="
)
if not defined cache goto plain
if !major! GEQ 25 goto aot
if !major! GEQ 19 goto appcds
goto plain

:aot
rem The cache's name follows the jar's size and time and the runtime, so a rebuilt jar or another JDK gets its own.
for %%j in ("%jar%") do set "stamp=%%~zj-%%~tj"
set "stamp=!stamp::=!"
set "stamp=!stamp:/=!"
set "stamp=!stamp: =!"
set "stamp=!stamp:\=!"
set "archive=!cache!\mcp-bridge-!stamp!-java!major!.aot"
if exist "!archive!" (
    "%java%" !flags! %MCP_BRIDGE_JAVA_OPTS% -XX:AOTCache="!archive!" -jar "%jar%" %*
    exit /b !errorlevel!
)
rem Only a serving run trains the cache: help, version, tools and call load other classes.
set "first=%~1"
for %%a in (tools call help -h --help -V --version) do if /i "!first!"=="%%a" goto plain
set "tmp=!archive!.%RANDOM%.tmp"
"%java%" !flags! -Xlog:aot*=error:stderr -Xlog:cds*=error:stderr %MCP_BRIDGE_JAVA_OPTS% -XX:AOTCacheOutput="!tmp!" -jar "%jar%" %*
set "status=!errorlevel!"
if exist "!tmp!" (
    "%java%" !flags! -Xlog:disable %MCP_BRIDGE_JAVA_OPTS% -XX:AOTCache="!tmp!" -XX:AOTMode=on -cp "%jar%" -version >nul 2>&1
    if !errorlevel! EQU 0 (
        move /y "!tmp!" "!archive!" >nul 2>&1 || del /q "!tmp!" 2>nul
    ) else (
        del /q "!tmp!" 2>nul
    )
)
exit /b !status!

:appcds
for %%j in ("%jar%") do set "stamp=%%~zj"
set "archive=!cache!\mcp-bridge-!stamp!-java!major!.jsa"
"%java%" !flags! -Xlog:cds*=error:stderr %MCP_BRIDGE_JAVA_OPTS% -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="!archive!" -jar "%jar%" %*
exit /b !errorlevel!

:plain
"%java%" !flags! %MCP_BRIDGE_JAVA_OPTS% -jar "%jar%" %*
exit /b !errorlevel!
