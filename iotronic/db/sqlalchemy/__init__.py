from oslo_db.sqlalchemy import enginefacade

# SQLite ignores foreign keys unless asked; the all-in-one and the unit
# tests must see the same ON DELETE behaviour as MySQL.
enginefacade.configure(sqlite_fk=True)
