// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DistSettings.h"
#include "engine/util/DnasError.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dnas {

namespace {
constexpr int kMaxPort = 65535;
} // namespace

void DistSettings::setMaster(const std::string& hostPort, const std::string& field) {
    const auto colon = hostPort.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == hostPort.size())
        throw DnasError("", field, "expected HOST:PORT, got \"" + hostPort + "\"");
    std::string host = hostPort.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port = hostPort.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) < 1 || std::stoi(port) > kMaxPort)
        throw DnasError("", field,
                        "port must be 1.." + std::to_string(kMaxPort) + ", got \"" + port + "\"");
    master_host = host;
    master_port = std::stoi(port);
}

void DistSettings::check(const std::string& where) const {
    if (world_size < 1)
        throw DnasError(where, "world_size", "must be at least 1");
    if (rank < 0 || rank >= world_size)
        throw DnasError(where, "rank",
                        "must be 0.." + std::to_string(world_size - 1) + ", got " +
                            std::to_string(rank));
    if (master_host.empty())
        throw DnasError(where, "master", "empty host");
    if (master_port < 1 || master_port > kMaxPort)
        throw DnasError(where, "master", "port must be 1.." + std::to_string(kMaxPort));
    if (!(timeout_s > 0.0))
        throw DnasError(where, "timeout", "must be positive seconds");
}

int DistSettings::freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw DnasError("", "master", std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok)
        throw DnasError("", "master", std::string("no free loopback port: ") + std::strerror(err));
    return ntohs(addr.sin_port);
}

} // namespace dnas
