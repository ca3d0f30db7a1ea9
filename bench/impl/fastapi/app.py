"""The stack Model Registry replaces: FastAPI + async SQLAlchemy ORM + asyncpg under uvicorn, written the usual way
(ORM queries, one session per request), answering the benchmark's endpoints with the same JSON and checking the same
RS256 bearer token on every request. Not part of the product; started by bench/run.sh from Debian's packages."""
import asyncio
import gc
import json
import os
import sys
from datetime import datetime, timezone

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from sqlalchemy import BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Integer, String, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import declarative_base, relationship, selectinload, sessionmaker

WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
engine = create_async_engine(
    f"postgresql+asyncpg://{os.environ['BENCH_DB_USER']}@localhost:{os.environ['BENCH_DB_PORT']}/{os.environ['BENCH_DB_NAME']}",
    pool_size=max(1, int(os.environ["BENCH_POOL_SIZE"]) // WORKERS), max_overflow=0)
Session = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
PUBLIC_KEY = open(os.environ["BENCH_PUBLIC_KEY"]).read()
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(BigInteger, primary_key=True)
    email = Column(String)
    username = Column(String)
    password_hash = Column(String)
    active = Column(Boolean)
    role = Column(String)
    token_version = Column(Integer)
    created_at = Column(DateTime(timezone=True))
    updated_at = Column(DateTime(timezone=True))
    models = relationship("MLModel", back_populates="owner",
                          order_by="(MLModel.created_at.desc(), MLModel.id.desc())")


class MLModel(Base):
    __tablename__ = "models"
    id = Column(BigInteger, primary_key=True)
    name = Column(String)
    framework = Column(String)
    accuracy = Column(Float)
    owner_id = Column(BigInteger, ForeignKey("users.id"))
    tags = Column(JSONB)
    created_at = Column(DateTime(timezone=True))
    updated_at = Column(DateTime(timezone=True))
    owner = relationship("User", back_populates="models")


app = FastAPI()


@app.on_event("startup")
async def report_server_stack():
    """One line per worker saying which event loop and which HTTP protocol it really runs, asked of the running
    process rather than read from the command line: bench/run.sh prints it, so a missing uvloop or httptools shows."""
    import uvicorn.config
    configs = [o for o in gc.get_objects() if isinstance(o, uvicorn.config.Config)]
    protocol = getattr(configs[0], "http_protocol_class", None) if configs else None
    loop = type(asyncio.get_running_loop())
    print(f"fastapi worker {os.getpid()}: event loop {loop.__module__}.{loop.__qualname__}, HTTP protocol "
          f"{protocol.__module__ + '.' + protocol.__qualname__ if protocol else 'unknown'}", file=sys.stderr, flush=True)


async def session():
    async with Session() as s:
        yield s


def caller(authorization: str = Header(None)):
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
    try:
        return jwt.decode(authorization[7:], PUBLIC_KEY, algorithms=["RS256"], issuer="model-registry")
    except jwt.PyJWTError:
        raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})


def stamp(value: datetime) -> str:
    # the same text as Java's Instant.toString(): fractions only as needed, in groups of three digits
    value = value.astimezone(timezone.utc)
    micros = value.microsecond
    fraction = "" if micros == 0 else f".{micros // 1000:03d}" if micros % 1000 == 0 else f".{micros:06d}"
    return value.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def model_view(m: MLModel) -> dict:
    return {"id": m.id, "name": m.name, "framework": m.framework, "accuracy": m.accuracy, "ownerId": m.owner_id,
            "tags": dict(sorted(m.tags.items())), "createdAt": stamp(m.created_at), "updatedAt": stamp(m.updated_at)}


def answer(body, status=200, headers=None) -> Response:
    return Response(json.dumps(body, separators=(",", ":"), ensure_ascii=False), status_code=status,
                    media_type="application/json", headers=headers)


@app.get("/models/{model_id}")
async def get_model(model_id: int, db: AsyncSession = Depends(session), _=Depends(caller)):
    model = await db.get(MLModel, model_id)
    if model is None:
        raise HTTPException(404)
    return answer(model_view(model))


@app.get("/models")
async def list_models(framework: str, size: int = 20, page: int = 0, db: AsyncSession = Depends(session),
                      _=Depends(caller)):
    framework = framework.strip().lower()
    rows = (await db.execute(select(MLModel).where(MLModel.framework == framework)
                             .order_by(MLModel.created_at.desc(), MLModel.id.desc())
                             .offset(page * size).limit(size))).scalars().all()
    total = (await db.execute(select(func.count()).select_from(MLModel)
                              .where(MLModel.framework == framework))).scalar_one()
    return answer({"items": [model_view(m) for m in rows], "page": page, "size": size, "total": total,
                   "totalPages": (total + size - 1) // size})


@app.get("/users/{user_id}")
async def get_user(user_id: int, expand: str = None, db: AsyncSession = Depends(session), _=Depends(caller)):
    query = select(User).where(User.id == user_id)
    if expand == "models":
        query = query.options(selectinload(User.models))
    user = (await db.execute(query)).scalars().first()
    if user is None:
        raise HTTPException(404)
    body = {"id": user.id, "email": user.email, "username": user.username, "active": user.active,
            "role": user.role, "createdAt": stamp(user.created_at), "updatedAt": stamp(user.updated_at)}
    if expand == "models":
        body["models"] = [model_view(m) for m in user.models]
    return answer(body)


@app.post("/users/{user_id}/models")
async def create_model(user_id: int, request: Request, db: AsyncSession = Depends(session), _=Depends(caller)):
    data = await request.json()
    if not data.get("name") or not str(data.get("framework", "")).strip():
        raise HTTPException(400)
    if await db.get(User, user_id) is None:
        raise HTTPException(404)
    now = datetime.now(timezone.utc)
    model = MLModel(name=data["name"], framework=data["framework"].strip().lower(), accuracy=data.get("accuracy"),
                    owner_id=user_id, tags={}, created_at=now, updated_at=now)
    db.add(model)
    await db.commit()
    return answer(model_view(model), 201, {"Location": f"/models/{model.id}"})
