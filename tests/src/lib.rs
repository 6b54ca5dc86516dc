//! What the end-to-end tests share: the `mend` and `mend-server` binaries of this tree (found by environment,
//! `MEND_BIN` and `MEND_SERVER_BIN`, as the test command sets them, else beside this test's own executable),
//! a `mend-server` child process on a loopback port ([`ServerProcess`]), one in this process ([`InProcess`]),
//! running `mend` on a data directory ([`mend`]) or interactively ([`running`]), and a transport for the core's sync engine over reqwest
//! ([`WireTransport`]), the same with faults injected ([`faults`]), and devices driving the core's engine with a
//! checker of convergence ([`devices`]), what a run printed ([`outputs`]), and what the groups' tests share ([`private_groups`]).

pub mod devices;
pub mod faults;
pub mod outputs;
pub mod private_groups;
pub mod processes;
pub mod running;
pub mod wire;

pub use outputs::{all_bytes, example_pack, json, ok, propose};
pub use processes::{InProcess, ServerProcess, binary, mend, mend_with_input};
pub use wire::WireTransport;
