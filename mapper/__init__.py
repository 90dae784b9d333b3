"""mapper: turn news articles into maps of where the story happens.

    import mapper
    result = mapper.map_article(text, title="...")        # one article
    for result in mapper.Mapper().map(mapper.read_articles("week.jsonl")):
        mapper.write_outputs(result, Path("outputs") / result.article.id)
"""

from mapper.errors import (
    DamagedFile, DiskFull, GazetteerError, InputError, MapperError, MissingAsset, ModelError, NothingToMap, NotWritable,
    OptionError, OutputBusy, OverridesError, RunStopped, SchedulerError, ServiceConfigError, ServiceError, StoreError,
)
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
