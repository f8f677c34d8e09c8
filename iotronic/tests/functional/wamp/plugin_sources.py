"""Plugins the functional tests inject, in both contracts."""

LOOPING_PLUGIN = '''
import pathlib
import time

def main(params):
    beat = pathlib.Path(params['beat'])
    while True:
        beat.write_text(str(time.time()))
        time.sleep(0.2)
'''

ADDING_PLUGIN = '''
def main(params):
    print('adding', params)        # goes to the plugin log, not the answer
    return {'sum': params['a'] + params['b']}
'''

SLEEPING_PLUGIN = '''
import time

def main(params):
    time.sleep(3600)
'''

# Written for upstream Lightning-rod, unchanged.
UPSTREAM_PLUGIN = '''
from iotronic_lightningrod.modules.plugins import Plugin

from oslo_log import log as logging
LOG = logging.getLogger(__name__)


class Worker(Plugin.Plugin):

    def __init__(self, uuid, name, q_result, params=None):
        super(Worker, self).__init__(uuid, name, q_result, params)

    def run(self):
        LOG.info("Input parameters: " + str(self.params['name']))
        self.q_result.put("ECHO RESULT: " + str(self.params['name']))
'''
