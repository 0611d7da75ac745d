"""Storage: SQLAlchemy Core tables, repositories and unit of work, and Alembic migrations.

Bootstrap wires it as::

    await upgrade_async(url)
    engine = create_engine(url)
    uow_factory = SqlUnitOfWorkFactory(engine)  # a bot.ports.UnitOfWorkFactory
    ...
    await engine.dispose()
"""

from storage.engine import create_engine, normalize_url, safe_url, sync_url
from storage.migrate import upgrade, upgrade_async
from storage.unit_of_work import SqlUnitOfWork, SqlUnitOfWorkFactory

__all__ = [
    "SqlUnitOfWork",
    "SqlUnitOfWorkFactory",
    "create_engine",
    "normalize_url",
    "safe_url",
    "sync_url",
    "upgrade",
    "upgrade_async",
]
