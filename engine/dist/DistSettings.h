// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

namespace dnas {

// Where this process sits in a data-parallel search (docs/architecture.md §8): rank R of N
// processes that meet at rank 0's TCP store on HOST:PORT. No LibTorch type here: the command line
// includes it.
struct DistSettings {
    int rank = 0;
    int world_size = 1;
    std::string master_host = "127.0.0.1";
    int master_port = 29500; // torch.distributed's customary port
    double timeout_s = 60.0; // a peer silent this long counts as gone (also the rendezvous)

    bool active() const { return world_size > 1; }
    // Only rank 0 writes the run folder and its checkpoints.
    bool writes() const { return rank == 0; }

    // "HOST:PORT" (an IPv6 host in brackets: "[::1]:29500"); throws DnasError naming `field`.
    void setMaster(const std::string& hostPort, const std::string& field = "--master");
    // Rank in range, port valid, timeout positive; errors name `where`.
    void check(const std::string& where) const;
    // A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and released).
    static int freeLoopbackPort();
};

} // namespace dnas
