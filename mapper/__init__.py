"""mapper: turn news articles into maps of where the story happens.

    import mapper
    result = mapper.map_article(text, title="...")        # one article
    for result in mapper.Mapper().map(mapper.read_articles("week.jsonl")):
        mapper.write_outputs(result, Path("outputs") / result.article.id)

The names below load on first use (PEP 562), so `import mapper`, and the command line's --help,
do not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper.errors import (  # light: no stage's code
    DamagedFile, DiskFull, GazetteerError, InputError, MapperError, MissingAsset, ModelError, NothingToMap, NotWritable,
    OptionError, OutputBusy, OverridesError, RunStopped, SchedulerError, ServiceConfigError, ServiceError, StoreError,
)
from mapper.lazy import lazy_names

if TYPE_CHECKING:
    from mapper.ingest import article_from_text, read_articles
    from mapper.model import Article, Candidate, MapResult, Mention, Paragraph, Place, PlaceGroup, Resolution
    from mapper.pipeline import Mapper, map_article
    from mapper.render import write_outputs

__all__ = [
    "DamagedFile", "DiskFull", "GazetteerError", "InputError", "MapperError", "MissingAsset", "ModelError", "NothingToMap",
    "NotWritable", "OptionError", "OutputBusy", "OverridesError", "RunStopped", "SchedulerError", "ServiceConfigError",
    "ServiceError", "StoreError",
    "Article", "Candidate", "MapResult", "Mapper", "Mention", "Paragraph", "Place", "PlaceGroup",
    "Resolution", "article_from_text", "map_article", "read_articles", "write_outputs",
]

__version__ = "0.5.0"

# Each public name's module.
_HOMES = {
    "article_from_text": "mapper.ingest", "read_articles": "mapper.ingest",
    **dict.fromkeys(["Article", "Candidate", "MapResult", "Mention", "Paragraph", "Place", "PlaceGroup",
                     "Resolution"], "mapper.model"),
    "Mapper": "mapper.pipeline", "map_article": "mapper.pipeline",
    "write_outputs": "mapper.render",
}

__getattr__, __dir__ = lazy_names(globals(), _HOMES)
