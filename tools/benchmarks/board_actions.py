"""Benchmark: board actions end to end, through the REST API.

Starts iotronic-aio (SQLite, in-process conductor and wamp agent, a real
Crossbar) with --boards simulated boards in one board agent process, then
for --seconds runs --clients threads, each sending DevicePing to its own
board through POST /v1/boards/{board}/action, and prints actions per
second and latency. Every action is a tracked request, so this measures
API, conductor, database, agent, router and board together. From the
checkout:

    .venv/bin/python tools/benchmarks/board_actions.py
"""

import argparse
import tempfile

import benchlib


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=8833)
    parser.add_argument('--boards', type=int, default=10)
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--seconds', type=float, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        process, url = benchlib.start_all_in_one(workdir, args.port,
                                                 boards=args.boards)
        try:
            def ping(session, n):
                board = f'board-{n % args.boards}'
                session.post(f'{url}/v1/boards/{board}/action',
                             json={'action': 'DevicePing'},
                             timeout=60).raise_for_status()

            for clients in (1, args.clients):
                benchlib.report(f'DevicePing ({clients} clients)',
                                benchlib.hammer(ping, clients, args.seconds),
                                args.seconds, unit='actions/s')
        finally:
            process.terminate()
            process.wait(30)


if __name__ == '__main__':
    main()
