"""API microversions of v1: one line per version, oldest first.

1.0 is upstream IoTronic's API, unchanged, so its clients keep working.
Every addition beyond it gets its own minor version here, and the code
that serves it checks ``pecan.request.version``.
"""

BASE_VERSION = 1

# 1.0: upstream IoTronic's API v1.
MINOR_0_UPSTREAM = 0
# 1.1: PATCH /v1/boards/{board} updates the board's location.
MINOR_1_LOCATION_UPDATE = 1
# 1.2: GET /v1/boards filters by fleet, type and name.
MINOR_2_BOARD_FILTERS = 2
# 1.3: board and fleet sub-collections are paginated and sortable
#      (marker, limit, sort_key, sort_dir) and carry "next" links.
MINOR_3_PAGINATED_SUBCOLLECTIONS = 3
# 1.4: PUT and DELETE /v1/boards/{board}/maintenance put a board in and
#      out of maintenance.
MINOR_4_MAINTENANCE = 4
# 1.5: POST /v1/boards/{board}/credential rotates the board's router
#      credential, DELETE revokes it.
MINOR_5_BOARD_CREDENTIAL = 5

MINOR_MAX_VERSION = MINOR_5_BOARD_CREDENTIAL

MIN_VERSION_STRING = f'{BASE_VERSION}.{MINOR_0_UPSTREAM}'
MAX_VERSION_STRING = f'{BASE_VERSION}.{MINOR_MAX_VERSION}'
