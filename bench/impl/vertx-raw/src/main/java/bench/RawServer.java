package bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The benchmark scenarios' endpoints written by hand on Vert.x Web and the Vert.x PostgreSQL client: the ceiling of
 * the stack Model Registry stands on. Same JSON, same RS256 bearer check on every request, one event loop per core.
 * Settings come from the environment (see bench/run.sh).
 */
public class RawServer extends AbstractVerticle {

    private static final String MODEL_COLUMNS = "id, name, framework, accuracy, owner_id, tags, created_at, updated_at";
    // S6 in one statement: the alias joined to its version, with the names of every alias on that version (and
    // "latest" when no ready version of the model has a higher number), sorted by code point as Java sorts strings
    private static final String ALIAS_QUERY = "select v.model_id, v.number, v.artifact_uri, v.description, v.metrics,"
            + " v.status, v.created_by, v.created_at, v.updated_at, v.version,"
            + " array(select n.name from (select o.name from model_aliases o where o.version_id = v.id"
            + "   union all select 'latest' where v.status = 'ready' and not exists (select 1 from model_versions h"
            + "     where h.model_id = v.model_id and h.status = 'ready' and h.number > v.number)) n"
            + "   order by n.name collate \"C\") as aliases"
            + " from model_aliases a join model_versions v on v.id = a.version_id"
            + " where a.model_id = $1 and a.name = $2";

    private PgPool pool;
    private JWTAuth jwt;

    public static void main(String[] args) throws Exception {
        String publicKey = Files.readString(Path.of(System.getenv("BENCH_PUBLIC_KEY")));
        Vertx vertx = Vertx.vertx();
        JsonObject config = new JsonObject().put("publicKey", publicKey);
        vertx.deployVerticle(RawServer::new, new DeploymentOptions()
                .setInstances(Runtime.getRuntime().availableProcessors()).setConfig(config))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                })
                .onSuccess(id -> System.out.println("vertx-raw started"));
    }

    @Override
    public void start(io.vertx.core.Promise<Void> started) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost("localhost")
                .setPort(Integer.parseInt(System.getenv("BENCH_DB_PORT")))
                .setDatabase(System.getenv("BENCH_DB_NAME"))
                .setUser(System.getenv("BENCH_DB_USER"))
                .setPassword("unused")
                .setCachePreparedStatements(true);
        // one pool of the benchmark's size, shared by the event loops like Quarkus's
        int size = Integer.parseInt(System.getenv("BENCH_POOL_SIZE"));
        pool = PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(size).setShared(true).setName("bench"));
        jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(config().getString("publicKey")))
                .setJWTOptions(new io.vertx.ext.auth.JWTOptions().setIssuer("model-registry")));

        Router router = Router.router(vertx);
        router.route().handler(this::authenticate);
        router.get("/models/:id").handler(this::model);
        router.get("/models/:id/aliases/:alias").handler(this::alias);
        router.get("/models").handler(this::models);
        router.get("/users/:id").handler(this::user);
        router.post("/users/:id/models").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::create);
        int port = Integer.parseInt(System.getenv("BENCH_HTTP_PORT"));
        vertx.createHttpServer().requestHandler(router).listen(port)
                .<Void>mapEmpty().onComplete(started);
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
            return;
        }
        jwt.authenticate(new TokenCredentials(header.substring(7)))
                .onSuccess(user -> ctx.next())
                .onFailure(failure -> ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end());
    }

    private void model(RoutingContext ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        pool.preparedQuery("select " + MODEL_COLUMNS + " from models where id = $1").execute(Tuple.of(id))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.response().setStatusCode(404).end();
                    } else {
                        json(ctx, 200, modelJson(rows.iterator().next()));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void alias(RoutingContext ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        pool.preparedQuery(ALIAS_QUERY).execute(Tuple.of(id, ctx.pathParam("alias")))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.response().setStatusCode(404).end();
                        return;
                    }
                    Row row = rows.iterator().next();
                    JsonArray aliases = new JsonArray();
                    for (String name : row.getArrayOfStrings("aliases")) {
                        aliases.add(name);
                    }
                    JsonObject version = new JsonObject()
                            .put("modelId", row.getLong("model_id"))
                            .put("version", row.getInteger("number"))
                            .put("artifactUri", row.getString("artifact_uri"))
                            .put("description", row.getString("description"))
                            .put("metrics", row.getJsonObject("metrics"))
                            .put("status", row.getString("status"))
                            .put("aliases", aliases)
                            .put("createdBy", row.getLong("created_by"))
                            .put("createdAt", stamp(row.getOffsetDateTime("created_at")))
                            .put("updatedAt", stamp(row.getOffsetDateTime("updated_at")));
                    ctx.response().putHeader("ETag", "\"" + row.getLong("version") + "\"");
                    json(ctx, 200, version);
                })
                .onFailure(ctx::fail);
    }

    private void models(RoutingContext ctx) {
        String framework = ctx.queryParams().get("framework").trim().toLowerCase(Locale.ROOT);
        int size = Integer.parseInt(ctx.queryParams().get("size"));
        Future<RowSet<Row>> page = pool.preparedQuery("select " + MODEL_COLUMNS
                        + " from models where framework = $1 order by created_at desc, id desc limit $2")
                .execute(Tuple.of(framework, size));
        Future<RowSet<Row>> count = pool.preparedQuery("select count(*) from models where framework = $1")
                .execute(Tuple.of(framework));
        Future.all(page, count).onSuccess(both -> {
            JsonArray items = new JsonArray();
            page.result().forEach(row -> items.add(modelJson(row)));
            long total = count.result().iterator().next().getLong(0);
            json(ctx, 200, new JsonObject().put("items", items).put("page", 0).put("size", size)
                    .put("total", total).put("totalPages", (total + size - 1) / size));
        }).onFailure(ctx::fail);
    }

    private void user(RoutingContext ctx) {
        long id = Long.parseLong(ctx.pathParam("id"));
        pool.preparedQuery("select u.id, u.email, u.username, u.active, u.role, u.created_at, u.updated_at,"
                        + " m.id, m.name, m.framework, m.accuracy, m.owner_id, m.created_at, m.updated_at, m.tags"
                        + " from users u left join models m on m.owner_id = u.id where u.id = $1"
                        + " order by m.created_at desc, m.id desc")
                .execute(Tuple.of(id))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.response().setStatusCode(404).end();
                        return;
                    }
                    JsonObject user = null;
                    JsonArray models = new JsonArray();
                    for (Row row : rows) {
                        if (user == null) {
                            user = new JsonObject().put("id", row.getLong(0)).put("email", row.getString(1))
                                    .put("username", row.getString(2)).put("active", row.getBoolean(3))
                                    .put("role", row.getString(4)).put("createdAt", stamp(row.getOffsetDateTime(5)))
                                    .put("updatedAt", stamp(row.getOffsetDateTime(6)));
                        }
                        if (row.getLong(7) != null) {
                            models.add(new JsonObject().put("id", row.getLong(7)).put("name", row.getString(8))
                                    .put("framework", row.getString(9)).put("accuracy", row.getDouble(10))
                                    .put("ownerId", row.getLong(11)).put("tags", sorted(row.getJsonObject(14)))
                                    .put("createdAt", stamp(row.getOffsetDateTime(12)))
                                    .put("updatedAt", stamp(row.getOffsetDateTime(13))));
                        }
                    }
                    json(ctx, 200, user.put("models", models));
                })
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        long owner = Long.parseLong(ctx.pathParam("id"));
        JsonObject body = ctx.body().asJsonObject();
        String name = body == null ? null : body.getString("name");
        String framework = body == null ? null : body.getString("framework");
        if (name == null || name.isBlank() || framework == null || framework.isBlank()) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        OffsetDateTime now = Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        pool.preparedQuery("insert into models (name, framework, accuracy, owner_id, created_at, updated_at)"
                        + " select $1, $2, $3, u.id, $5, $5 from users u where u.id = $4 returning " + MODEL_COLUMNS)
                .execute(Tuple.of(name, framework.trim().toLowerCase(Locale.ROOT), body.getDouble("accuracy"), owner,
                        now))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.response().setStatusCode(404).end();
                        return;
                    }
                    JsonObject model = modelJson(rows.iterator().next());
                    ctx.response().putHeader("Location", "/models/" + model.getLong("id"));
                    json(ctx, 201, model);
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject modelJson(Row row) {
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("name", row.getString("name"))
                .put("framework", row.getString("framework"))
                .put("accuracy", row.getDouble("accuracy"))
                .put("ownerId", row.getLong("owner_id"))
                .put("tags", sorted(row.getJsonObject("tags")))
                .put("createdAt", stamp(row.getOffsetDateTime("created_at")))
                .put("updatedAt", stamp(row.getOffsetDateTime("updated_at")));
    }

    /** Tags by key, as Model Registry sends them (jsonb keeps its keys shortest first). */
    private static JsonObject sorted(JsonObject tags) {
        return new JsonObject(new TreeMap<>(tags.getMap()));
    }

    private static String stamp(OffsetDateTime time) {
        return time.toInstant().toString();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        Buffer encoded = body.toBuffer();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(encoded);
    }
}
