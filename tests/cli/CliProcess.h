// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the built `dnas` executable (DNAS_CLI_PATH) as a user or a script would. Output goes to
// files rather than pipes, so a chatty command can never block on a full pipe while the test
// waits for it.
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace dnas::testsupport {

struct CliResult {
    int code = -1;
    std::string out, err;
};

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Starts `dnas args...` with stdout/stderr redirected into files in `dir`; returns the pid.
inline pid_t spawnCli(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    std::vector<std::string> full = {DNAS_CLI_PATH};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string out = (dir / "stdout.txt").string(), err = (dir / "stderr.txt").string();
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

inline CliResult waitCli(pid_t pid, const std::filesystem::path& dir) {
    CliResult r;
    if (pid < 0) {
        r.err = "posix_spawn failed";
        return r;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(dir / "stdout.txt");
    r.err = readFile(dir / "stderr.txt");
    return r;
}

inline CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& dir) {
    return waitCli(spawnCli(args, dir), dir);
}

} // namespace dnas::testsupport
