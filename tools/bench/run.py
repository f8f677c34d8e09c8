"""IoTronic's benchmark harness: the real stack, measured end to end.

Starts MariaDB and RabbitMQ databases of its own (a throwaway database,
a virtual host), Crossbar, conductors, one wamp agent, the API and
simulated boards of IoTronic's board agent, as an operator runs them,
then measures:

* the floor: the same small payload through a raw Crossbar RPC round
  trip and a raw oslo.messaging RPC call over the same RabbitMQ;
* board actions end to end (POST /v1/boards/{id}/action, DeviceEcho):
  p50/p95/p99 and throughput at concurrency 1, 16 and 128, and the ratio
  of the p50 to the floor (the raw hops an action crosses: two
  oslo.messaging calls, API to conductor and conductor to agent, and one
  Crossbar call, agent to board);
* connected boards: time to bring N boards online (registration with a
  one-time code, then login with the credential received) and resident
  memory per board of the wamp agent and of the router;
* presence: seconds from a board's death (frozen: its connection stays
  open, as after a power cut) to ``offline`` in the API, with the N
  boards connected;
* API reads: GET /v1/boards with at least 10,000 boards, pages of 1000:
  latency, and SQL statements per page (counted in-process on the same
  database and code);
* with ``--upstream``, the same board actions against upstream IoTronic
  0.4.17 and as many Lightning-rod 0.5.0 boards (``upstream.py``), in the
  same run, and the ratios of the two.

It prints one JSON object and writes it, with a PNG plot, to --output.
``--quick`` finishes in under three minutes. From the checkout::

    make bench                       # default sizes: 10,000 boards
    make bench BENCH_ARGS=--quick
    make bench BENCH_ARGS="--quick --upstream"
"""

import argparse
import asyncio
import concurrent.futures
import datetime
import json
import os
import pathlib
import signal
import sys
import tempfile
import time
import urllib.parse
import uuid

import oslo_messaging as messaging
import psutil
import requests
import sqlalchemy as sa

from iotronic.conf import CONF
from iotronic.tests.functional import services
from iotronic.tests.functional.wamp import conftest as stack_lib
import upstream

REPO = pathlib.Path(__file__).resolve().parents[2]
# DeviceEcho's parameters: the payload every hop carries.
PAYLOAD = {'say': 'iotronic-bench'}
# The stack's timers for a fleet (the test stack's are seconds, to see
# failures fast): production's heartbeats, so that a busy agent is not
# taken for dead; boards keep alive every five minutes (Lightning-rod's
# default is ten), the router's pings see them die.
BENCH_CONFIG = '''
[lightningrod]
keepalive_interval = 300
call_timeout = 60
[conductor]
heartbeat_interval = 10
heartbeat_timeout = 60
periodic_interval = 10
[wamp]
board_call_timeout = 30
agent_heartbeat_interval = 10
agent_heartbeat_timeout = 60
[api]
threads = 64
'''
API_READ_BOARDS = 10000
API_PAGE = 1000
# Simulated boards per board-agent process, as a gateway or a test rack
# would run them.
BOARDS_PER_PROCESS = 2500
# Scheduling priority of the simulated boards (see _own_cpu).
BOARD_NICENESS = -10


def _percentile(ordered, q):
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(latencies):
    ordered = sorted(latencies)
    return {'p50_ms': round(_percentile(ordered, 0.50) * 1000, 3),
            'p95_ms': round(_percentile(ordered, 0.95) * 1000, 3),
            'p99_ms': round(_percentile(ordered, 0.99) * 1000, 3),
            'count': len(ordered)}


def _say(text):
    print(f'bench: {text}', file=sys.stderr, flush=True)


# The floor.

async def _crossbar_round_trips(stack, count):
    """One session registers an echo, another calls it ``count`` times."""
    registered = asyncio.Event()
    done = asyncio.Event()

    async def callee(session, details):
        await session.register(lambda payload: payload, 'bench.echo')
        registered.set()
        await done.wait()

    async def caller(session, details):
        await registered.wait()
        for _ in range(50):
            await session.call('bench.echo', PAYLOAD)
        latencies = []
        for _ in range(count):
            start = time.perf_counter()
            await session.call('bench.echo', PAYLOAD)
            latencies.append(time.perf_counter() - start)
        done.set()
        return latencies

    agent = stack.as_agent()
    callee_task = asyncio.ensure_future(stack_lib.join(
        stack.router.url, callee, agent, ca_file=stack.ca_file,
        timeout=None))
    latencies = await stack_lib.join(stack.router.url, caller, agent,
                                     ca_file=stack.ca_file, timeout=None)
    await callee_task
    return latencies


class _Echo:
    target = messaging.Target(version='1.0')

    def echo(self, context, payload):
        return payload


def oslo_round_trips(rabbit_url, count):
    """A raw oslo.messaging RPC call (threading server) over the same
    RabbitMQ, ``count`` times."""
    transport = messaging.get_rpc_transport(CONF, url=rabbit_url)
    target = messaging.Target(topic='iotronic-bench-floor', server='bench')
    server = messaging.get_rpc_server(transport, target, [_Echo()])
    server.start()
    client = messaging.get_rpc_client(transport, target, timeout=30)
    try:
        for _ in range(50):
            client.call({}, 'echo', payload=PAYLOAD)
        latencies = []
        for _ in range(count):
            start = time.perf_counter()
            client.call({}, 'echo', payload=PAYLOAD)
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        server.stop()
        server.wait()
        transport.cleanup()


# Boards.

class Fleet:
    """Boards enrolled straight into the database (enrolment is not
    what is measured), started as simulated boards of one board agent."""

    def __init__(self, stack):
        self.stack = stack
        self.engine = sa.create_engine(stack.database_url,
                                       poolclass=sa.pool.NullPool)
        # The project the API gives boards (noauth): one enrolled to see.
        stack.enrol('bench-probe')
        self.project = stack.board('bench-probe')['project']

    def insert(self, names_and_codes):
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        rows = [{'uuid': str(uuid.uuid4()), 'code': code, 'name': name,
                 'project': self.project, 'now': now}
                for name, code in names_and_codes]
        with self.engine.begin() as conn:
            for start in range(0, len(rows), 1000):
                conn.execute(sa.text(
                    'INSERT INTO boards (uuid, code, status, name, project, '
                    'mobile, connectivity, config, extra, revision, '
                    "code_used, created_at) VALUES (:uuid, :code, "
                    "'registered', :name, :project, 0, '{}', '{}', '{}', 1, "
                    '0, :now)'), rows[start:start + 1000])

    def online(self, name_prefix):
        with self.engine.connect() as conn:
            return conn.execute(sa.text(
                "SELECT COUNT(*) FROM boards WHERE status = 'online' AND "
                'name LIKE :p'), {'p': f'{name_prefix}-%'}).scalar()

    def count(self):
        with self.engine.connect() as conn:
            return conn.execute(sa.text('SELECT COUNT(*) FROM boards')
                                ).scalar()

    def start(self, name_prefix, count, timeout):
        """Start ``count`` boards: (seconds until all are online, or
        ``timeout``; how many are online then)."""
        # Board n runs in process n % processes, as its board k there
        # (codes <prefix>-<process>-<k>, as --simulate makes them).
        processes = -(-count // BOARDS_PER_PROCESS)
        self.insert((f'{name_prefix}-{n}',
                     f'{name_prefix}-code-{n % processes}-{n // processes}')
                    for n in range(count))
        start = time.monotonic()
        for part in range(processes):
            board = self.stack.start_board(
                f'{name_prefix}-{part}', f'{name_prefix}-code-{part}',
                simulate=len(range(part, count, processes)))
            _own_cpu(board.process.pid)
        last = -1
        while True:
            online = self.online(name_prefix)
            took = time.monotonic() - start
            if online >= count or took > timeout:
                return took, online
            if online != last and (online - last) * 10 >= count:
                _say(f'{online}/{count} boards online')
                last = online
            time.sleep(1)


def _own_cpu(pid):
    """Schedule a process of simulated boards before the services.

    Real boards have CPUs of their own: they answer the router's pings
    at once however busy the servers are. Simulated on the servers'
    cores, a starved board process misses the router's 2 s ping
    timeout, its boards are dropped and log in again, and the fleet
    churns: the harness would measure itself. Needs root; otherwise the
    boards run at the services' priority.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, pid, BOARD_NICENESS)
    except PermissionError:
        _say('not root: simulated boards share the services\' priority')


def _rss(process):
    """Resident bytes of a process and its children."""
    process = psutil.Process(process.pid)
    return sum(p.memory_info().rss
               for p in [process] + process.children(recursive=True))


def _hammer(stack, boards, clients, seconds, headers=None):
    """DeviceEcho from ``clients`` threads for ``seconds``: (latencies of
    the answered ones, statuses of the others, seconds taken)."""
    deadline = time.monotonic() + seconds
    errors = []

    def worker(n):
        session, latencies = requests.Session(), []
        session.headers.update(headers or {})
        board = f'e2e-{n % boards}'
        while time.monotonic() < deadline:
            start = time.perf_counter()
            response = session.post(
                f'{stack.url}/v1/boards/{board}/action',
                json={'action': 'DeviceEcho', 'parameters': PAYLOAD},
                timeout=60)
            if response.status_code == 200:
                latencies.append(time.perf_counter() - start)
            else:
                errors.append(response.status_code)
        return latencies

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        latencies = [x for f in [pool.submit(worker, n)
                                 for n in range(clients)]
                     for x in f.result()]
    return latencies, errors, time.monotonic() - began


def board_actions(stack, boards, levels, seconds, headers=None):
    """DeviceEcho on ``boards`` boards (named e2e-<n>) from each number
    of clients."""
    results = {}
    for clients in levels:
        latencies, errors, took = _hammer(stack, boards, clients, seconds,
                                          headers)
        results[clients] = dict(_summary(latencies),
                                actions_per_s=round(len(latencies) / took,
                                                    1),
                                errors=len(errors))
        _say(f'{clients:>3} clients: {results[clients]}')
    return results


def _action_figures(e2e):
    """The figures of one stack's board actions: per concurrency, the
    p50 of one client, the best throughput and where."""
    best = max(e2e, key=lambda c: e2e[c]['actions_per_s'])
    return {'e2e': {str(c): v for c, v in e2e.items()},
            'e2e_p50_ms': e2e[min(e2e)]['p50_ms'],
            'actions_per_s': e2e[best]['actions_per_s'],
            'actions_best_concurrency': best}


def upstream_actions(args, workdir, mariadb):
    """The same board actions against upstream IoTronic 0.4.17."""
    with services.RabbitVirtualHost('bench-upstream') as vhost, \
            services.ThrowawayDatabase(mariadb, 'bench_upstream') as db:
        stack = upstream.UpstreamStack(
            pathlib.Path(workdir) / 'upstream', db.url_string,
            stack_lib.wamp_router.find_crossbar(), vhost.url)
        try:
            stack.start()
            for n in range(args.e2e_boards):
                stack.board_online(f'e2e-{n}')
            _say(f'upstream: {args.e2e_boards} Lightning-rod 0.5.0 boards '
                 'online')
            return _action_figures(board_actions(
                stack, args.e2e_boards, args.levels, args.seconds,
                upstream.HEADERS))
        finally:
            stack.shutdown()


def presence(stack):
    """Seconds from a board's death to offline in the API. The board
    process is frozen (SIGSTOP), not killed: its TCP connection stays
    open, as with a board that lost power or network, and only the
    router's WebSocket pings can tell."""
    board = stack.start_board('presence', stack.enrol('presence')).process
    _own_cpu(board.pid)
    # Among N boards logging in, it may wait its turn.
    stack.wait_status('presence', 'online', timeout=120)
    killed = time.monotonic()
    board.send_signal(signal.SIGSTOP)
    while stack.board('presence')['status'] != 'offline':
        if time.monotonic() - killed > 60:
            raise RuntimeError('the killed board is not offline after 60s')
        time.sleep(0.05)
    took = time.monotonic() - killed
    stack.kill('presence')
    return took


def api_reads(stack, fleet, rounds):
    """GET /v1/boards?limit=1000 over the API, and the SQL statements of
    one page, counted in this process on the same database."""
    missing = API_READ_BOARDS - fleet.count()
    if missing > 0:
        fleet.insert((f'filler-{n}', f'filler-code-{n}')
                     for n in range(missing))
    session = requests.Session()
    url = f'{stack.url}/v1/boards?limit={API_PAGE}'
    session.get(url, timeout=60).raise_for_status()
    latencies = []
    for _ in range(rounds):
        start = time.perf_counter()
        session.get(url, timeout=60).raise_for_status()
        latencies.append(time.perf_counter() - start)
    return dict(_summary(latencies), boards=fleet.count(),
                queries_per_page=_queries_per_page(stack))


def _queries_per_page(stack):
    """Statements per page for the first pages of the board list, with
    the API's own code in this process."""
    import webtest

    from iotronic.api import app as api_app

    CONF.set_override('connection', stack.database_url, group='database')
    CONF.set_override('auth_strategy', 'noauth')
    CONF.set_override('rpc_transport', 'none')
    app = webtest.TestApp(api_app.setup_app())
    statements = []
    sa.event.listen(sa.engine.Engine, 'before_cursor_execute',
                    lambda *args: statements.append(1))
    counts, path = [], f'/v1/boards?limit={API_PAGE}'
    for _ in range(3):
        statements.clear()
        page = app.get(path).json
        counts.append(len(statements))
        next_page = urllib.parse.urlsplit(page['next'])
        path = f'{next_page.path}?{next_page.query}'
    return counts


# Output.

def plot(figures, path):
    import matplotlib
    matplotlib.use('Agg')
    from matplotlib import pyplot

    e2e = figures['e2e']
    levels = sorted(int(c) for c in e2e)
    figure, (latency, throughput) = pyplot.subplots(1, 2, figsize=(11, 4))
    for name in ('p50_ms', 'p95_ms', 'p99_ms'):
        latency.plot(levels, [e2e[str(c)][name] for c in levels],
                     marker='o', label=f'board action {name[:3]}')
    latency.axhline(figures['floor_ms'], color='grey', linestyle='--',
                    label='floor (raw hops)')
    theirs = figures.get('upstream', {}).get('e2e')
    if theirs:
        latency.plot(levels, [theirs[str(c)]['p50_ms'] for c in levels],
                     marker='x', linestyle=':', color='black',
                     label='upstream 0.4.17 p50')
    latency.set(xscale='log', yscale='log', xlabel='concurrent clients',
                ylabel='ms', title='DeviceEcho end to end')
    latency.legend()
    width = 0.4 if theirs else 0.8
    positions = range(len(levels))
    throughput.bar([x - (width / 2 if theirs else 0) for x in positions],
                   [e2e[str(c)]['actions_per_s'] for c in levels], width,
                   label='IoTronic')
    if theirs:
        throughput.bar([x + width / 2 for x in positions],
                       [theirs[str(c)]['actions_per_s'] for c in levels],
                       width, label='upstream 0.4.17')
        throughput.legend()
    throughput.set_xticks(list(positions), [str(c) for c in levels])
    throughput.set(xlabel='concurrent clients', ylabel='actions/s',
                   title=f'{figures["boards_online"]} boards online, '
                         f'offline in {figures["offline_detect_s"]} s')
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def run(args, workdir):
    CONF([], project='iotronic')
    mariadb = services.mariadb_server_engine()
    with services.RabbitVirtualHost('bench') as vhost, \
            services.ThrowawayDatabase(mariadb, 'bench') as db:
        stack = stack_lib.Stack(workdir, db.url_string,
                                stack_lib.wamp_router.find_crossbar(),
                                vhost.url, extra_config=BENCH_CONFIG)
        figures = {'quick': args.quick, 'boards_requested': args.boards}
        try:
            _say('starting MariaDB database, RabbitMQ vhost, Crossbar, '
                 f'{args.conductors} conductor(s), 1 wamp agent, API')
            stack.start(conductors=args.conductors, agents=1)
            fleet = Fleet(stack)

            _say('floor: raw Crossbar and oslo.messaging round trips')
            crossbar = asyncio.run(_crossbar_round_trips(stack,
                                                         args.floor_calls))
            oslo = oslo_round_trips(vhost.url, args.floor_calls)
            figures['crossbar_rtt'] = _summary(crossbar)
            figures['oslo_rpc_rtt'] = _summary(oslo)
            figures['floor_ms'] = round(
                figures['crossbar_rtt']['p50_ms']
                + 2 * figures['oslo_rpc_rtt']['p50_ms'], 3)

            _say(f'board actions on {args.e2e_boards} boards')
            _took, ready = fleet.start('e2e', args.e2e_boards, timeout=120)
            if ready < args.e2e_boards:
                raise RuntimeError(f'only {ready} of {args.e2e_boards} '
                                   'boards came online for the actions')
            figures.update(_action_figures(board_actions(
                stack, args.e2e_boards, args.levels, args.seconds)))
            figures['e2e_ratio'] = round(figures['e2e_p50_ms']
                                         / figures['floor_ms'], 2)

            if args.upstream:
                _say('the same board actions on upstream IoTronic 0.4.17')
                theirs = upstream_actions(args, workdir, mariadb)
                figures['upstream'] = theirs
                figures['vs_upstream'] = {
                    'throughput_ratio': round(figures['actions_per_s']
                                              / theirs['actions_per_s'], 2),
                    'e2e_p50_ratio': round(theirs['e2e_p50_ms']
                                           / figures['e2e_p50_ms'], 2)}
                _say(f'versus upstream: {figures["vs_upstream"]}')

            agent = stack.processes['agent-a'].process
            router = stack.router.process
            agent_before, router_before = _rss(agent), _rss(router)
            _say(f'bringing {args.boards} boards online on one agent')
            took, online = fleet.start('swarm', args.boards,
                                       timeout=args.timeout)
            if online < args.boards:
                _say(f'only {online} of {args.boards} boards online after '
                     f'{args.timeout:.0f}s; going on with them')
            time.sleep(2)
            agent_after, router_after = _rss(agent), _rss(router)
            online = fleet.online('swarm')
            figures['boards_online'] = online
            figures['boards_online_all'] = online >= args.boards
            figures['boards_online_s'] = round(took, 1)
            figures['boards_online_per_s'] = round(online / took, 1)
            per_board = max(online, 1) * 1024
            figures['agent_rss_per_board_kb'] = round(
                (agent_after - agent_before) / per_board, 1)
            figures['router_rss_per_board_kb'] = round(
                (router_after - router_before) / per_board, 1)
            figures['agent_rss_mb'] = round(agent_after / 2**20, 1)
            figures['router_rss_mb'] = round(router_after / 2**20, 1)

            _say('presence: a board frozen, until offline in the API')
            figures['offline_detect_s'] = round(presence(stack), 2)

            _say(f'API reads: {API_READ_BOARDS} boards, pages of '
                 f'{API_PAGE}')
            reads = api_reads(stack, fleet, args.read_rounds)
            figures['api_list_page'] = reads
            figures['list_queries_per_page'] = max(
                reads['queries_per_page'])
        finally:
            stack.shutdown()
    return figures


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--quick', action='store_true',
                        help='small sizes, under three minutes')
    parser.add_argument('--boards', type=int,
                        help='boards to bring online on one agent '
                             '(default 10000, --quick 500)')
    parser.add_argument('--conductors', type=int, default=2)
    parser.add_argument('--seconds', type=float,
                        help='per concurrency level (default 10, '
                             '--quick 4)')
    parser.add_argument('--output', type=pathlib.Path,
                        default=REPO / 'bench-results')
    parser.add_argument('--timeout', type=float, default=480,
                        help='seconds the boards have to come online; '
                             'the run goes on with those that did')
    parser.add_argument('--upstream', action='store_true',
                        help='also run the board actions against upstream '
                             'IoTronic 0.4.17')
    args = parser.parse_args()
    if args.upstream and upstream.missing():
        parser.error(f'--upstream: {upstream.missing()}')
    args.boards = args.boards or (500 if args.quick else 10000)
    args.seconds = args.seconds or (4 if args.quick else 10)
    args.levels = (1, 16, 128)
    args.e2e_boards = 16
    args.floor_calls = 500 if args.quick else 2000
    args.read_rounds = 10 if args.quick else 30

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='iotronic-bench-') as workdir:
        figures = run(args, workdir)
    figures['run_s'] = round(time.monotonic() - started, 1)
    figures['when'] = datetime.datetime.now(datetime.UTC).isoformat(
        timespec='seconds')
    args.output.mkdir(parents=True, exist_ok=True)
    stamp = figures['when'].replace(':', '')
    path = args.output / f'bench-{stamp}.json'
    path.write_text(json.dumps(figures, indent=2) + '\n')
    (args.output / 'latest.json').write_text(path.read_text())
    plot(figures, args.output / f'bench-{stamp}.png')
    plot(figures, args.output / 'latest.png')
    print(json.dumps(figures, indent=2))
    _say(f'wrote {path} and its plot; took {figures["run_s"]} s')


if __name__ == '__main__':
    main()
