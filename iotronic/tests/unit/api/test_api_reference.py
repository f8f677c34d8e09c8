"""The API reference (api-ref/) documents every endpoint the API serves,
and its samples have the shape of real answers."""

import json
import pathlib
import re

from iotronic.api import openapi

API_REF = pathlib.Path(__file__).resolve().parents[4] / 'api-ref' / 'source'
_METHOD = re.compile(r'^\.\. rest_method:: (\w+) (\S+)$', re.M)


def _normal(path):
    return re.sub(r'\{[^}]+\}', '{}', path.rstrip('/')) or '/'


def _documented():
    text = (API_REF / 'index.rst').read_text()
    return {(verb.lower(), _normal(path))
            for verb, path in _METHOD.findall(text)}


def test_every_endpoint_is_documented():
    served = {(verb, _normal(path))
              for path, operations in openapi.document('http://x')[
                  'paths'].items()
              for verb in operations}
    # Described in the text of the operation they vary: the /detail
    # lists, /v1/plugins/public, DELETE .../maintenance and DELETE
    # .../credential.
    served = {(verb, path) for verb, path in served
              if not path.endswith('/detail')
              and path != '/v1/plugins/public'
              and (verb, path) not in (
                  ('delete', '/v1/boards/{}/maintenance'),
                  ('delete', '/v1/boards/{}/credential'))}
    assert served - _documented() == set()
    assert _documented() - served == {('get', '/'), ('get', '/v1')}


def test_samples_are_json_and_every_one_is_shown():
    text = (API_REF / 'index.rst').read_text()
    for sample in (API_REF / 'samples').glob('*.json'):
        json.loads(sample.read_text())
        assert f'samples/{sample.name}' in text, sample.name


def test_board_samples_have_the_fields_of_a_real_board(manager):
    created = manager.post('/v1/boards', json.loads(
        (API_REF / 'samples' / 'board-create-req.json').read_text()
        .replace('"lab"', 'null'))).json
    for name in ('board-create-resp.json', 'board-show-resp.json',
                 'board-update-resp.json'):
        sample = json.loads((API_REF / 'samples' / name).read_text())
        assert set(sample) == set(created), name
    for resource in ('plugin', 'service', 'fleet'):
        body = json.loads((API_REF / 'samples' /
                           f'{resource}-create-req.json').read_text())
        real = manager.post(f'/v1/{resource}s', body).json
        sample = json.loads((API_REF / 'samples' /
                             f'{resource}-create-resp.json').read_text())
        assert set(sample) == set(real), resource
