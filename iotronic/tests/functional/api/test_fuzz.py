"""Schemathesis against the API as deployed (real Keystone, RabbitMQ,
MariaDB, conductor), from the API's own /v1/openapi.json.

Every operation gets generated input, valid and not, within a bounded
number of examples. Whatever comes in, the API answers with a status it
documents and never a 5xx; no log line of the API or the conductor holds
a traceback or a secret (the service's Keystone password, the agents'
router secret, a board's registration code); no error answer holds a
code either.
"""

import hypothesis
import schemathesis

from iotronic.tests.functional import keystone as keystone_peer

VERSION = '1.5'
# Per operation; the whole run stays within about two minutes.
EXAMPLES = 25

_seen_codes = set()
_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate])


def _fuzz(operation, headers, failures):
    @_SETTINGS
    @hypothesis.given(operation.as_strategy())
    def run(case):
        body = case.body
        if isinstance(body, dict) and isinstance(body.get('code'), str):
            _seen_codes.add(body['code'])
        response = case.call(headers=headers, timeout=30)
        where = f'{case.method} {case.formatted_path}'
        if response.status_code >= 500:
            failures.append(f'{where}: {response.status_code} '
                            f'{response.text[:300]}')
        elif response.status_code >= 400:
            leaked = [code for code in _seen_codes
                      if len(code) > 3 and code in response.text]
            if leaked:
                failures.append(f'{where}: an error repeats a code')
        if str(response.status_code) not in operation.definition.raw.get(
                'responses', {}):
            failures.append(f'{where}: undocumented status '
                            f'{response.status_code}')
    run()


def test_generated_input_never_breaks_the_api(deployment):
    schema = schemathesis.openapi.from_url(
        f'{deployment.url}/v1/openapi.json')
    headers = {'X-Auth-Token': deployment.keystone.token('iotronic'),
               'X-OpenStack-Iotronic-API-Version': VERSION}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        _fuzz(result.ok(), headers, failures)
        operations += 1
    assert operations >= 40
    assert not failures, '\n'.join(sorted(set(failures))[:40])


BAD_IDENTS = ['\u00b9', '99999999999999999999999', '-1', '0', '%00',
              'a' * 300, '..', '%2e%2e%2f', "'; DROP TABLE boards; --",
              '\U0001F600']
BAD_BODIES = [b'{', b'[]', b'null', b'"text"', b'\xff\xfe', b'{"name": 1}',
              '{"name": "\U0001F600 board", "code": "\U0001F511"}'.encode(),
              b'{"name": "x", "code": "y", "extra": {"' + b'k' * 70000 +
              b'": 1}}', b'{"name": "\u0000", "code": "nul"}']


def test_hand_written_bad_input_is_a_4xx(deployment):
    """What generators rarely produce: odd identifiers in every kind of
    path, and bodies that are not what any schema allows."""
    client = deployment.client('iotronic', version=VERSION)
    failures = []
    for ident in BAD_IDENTS:
        for path in (f'/v1/boards/{ident}', f'/v1/plugins/{ident}',
                     f'/v1/services/{ident}', f'/v1/fleets/{ident}',
                     f'/v1/requests/{ident}', f'/v1/boards/{ident}/plugins',
                     f'/v1/fleets/{ident}/boards',
                     f'/v1/boards?marker={ident}&limit={ident}'):
            for method in ('GET', 'PATCH', 'DELETE'):
                response = client(method, path, {'name': 'x'})
                if response.status_code >= 500:
                    failures.append(f'{method} {path}: '
                                    f'{response.status_code}')
    for body in BAD_BODIES:
        for path in ('/v1/boards', '/v1/plugins', '/v1/fleets',
                     '/v1/services'):
            response = client('POST', path, None, data=body, headers={
                'Content-Type': 'application/json'})
            if response.status_code >= 500:
                failures.append(f'POST {path} {body[:40]!r}: '
                                f'{response.status_code}')
    assert not failures, '\n'.join(failures)
    # Four-byte characters are data like any other (utf8mb4 end to end).
    created = client.post('/v1/fleets', {'name': '\U0001F600 fleet'}).json()
    assert client.get(f'/v1/fleets/{created["uuid"]}').json()[
        'name'] == '\U0001F600 fleet'


def test_the_logs_hold_no_traceback_and_no_secret(deployment):
    """Runs after the fuzzing above (same module, in order)."""
    assert _seen_codes, 'the fuzzing created no board'
    secrets = {keystone_peer.PASSWORD, keystone_peer.ADMIN_PASSWORD}
    secrets |= {code for code in _seen_codes if len(code) >= 8}
    for process in (deployment.api, deployment.conductor):
        log = process.log()
        assert 'Traceback (most recent call last)' not in log, log[-3000:]
        leaked = [s for s in secrets if s in log]
        assert not leaked, f'{process.name} logged a secret'
