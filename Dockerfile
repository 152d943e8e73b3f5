# syntax=docker/dockerfile:1
# One image per app, from one Dockerfile:
#   docker build --build-arg APP=fraud-detection --build-arg HTTP_PORT=7071 -t streams-suite/fraud-detection:0.1.0 .
#   docker build --build-arg APP=clickstream     --build-arg HTTP_PORT=7072 -t streams-suite/clickstream:0.1.0 .
#   docker build --build-arg APP=iot-monitoring  --build-arg HTTP_PORT=7073 -t streams-suite/iot-monitoring:0.1.0 .
# Configuration: the properties file at /etc/streams-suite/app.properties (mount your own over the empty default),
# then STREAMS_* environment variables, which win over the file (README, "Configuration").

# The build stage takes no argument, so the three images share one Maven build (and its layer cache).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl fraud-detection,clickstream,iot-monitoring -am package -DskipTests

FROM eclipse-temurin:17-jre-noble
ARG APP
ARG HTTP_PORT
RUN test -n "${APP}" && test -n "${HTTP_PORT}" \
    || { echo "build with --build-arg APP=<fraud-detection|clickstream|iot-monitoring> --build-arg HTTP_PORT=<7071|7072|7073>" >&2; exit 1; }

# A numeric non-root user, so that Kubernetes can verify runAsNonRoot. Group 0 owns what the app writes, as
# OpenShift runs containers under an arbitrary uid in group 0.
RUN useradd --system --uid 10001 --gid 0 --no-create-home --home-dir /opt/streams-suite --shell /usr/sbin/nologin streams \
    && mkdir -p /opt/streams-suite /etc/streams-suite /var/lib/streams-suite \
    && chown 10001:0 /var/lib/streams-suite \
    && chmod 0770 /var/lib/streams-suite

COPY --from=build /src/${APP}/target/${APP}.jar /opt/streams-suite/app.jar
COPY deploy/docker/app.properties /etc/streams-suite/app.properties

# RocksDB state lives on a volume: a restarted container keeps its stores instead of restoring them from Kafka.
# Set here rather than in the properties file, so that a mounted file cannot move the state off the volume.
ENV STREAMS_STATE_DIR=/var/lib/streams-suite
VOLUME /var/lib/streams-suite

# Memory: the heap takes 40% of the container's limit. The rest is for rocksdb.memory.budget (outside the heap: block
# cache and write buffers of every store) plus about 256 MiB of JVM overhead (metaspace, threads, code cache, buffers).
# A 1 GiB limit thus leaves room for a budget of up to 358 MiB; deploy/kubernetes sets 1 GiB with the default 256 MB.
# Two malloc arenas instead of one per core stop glibc from growing RocksDB's native memory past its budget.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2

EXPOSE ${HTTP_PORT}
USER 10001
WORKDIR /opt/streams-suite
# exec form: java is PID 1 and receives SIGTERM itself, so the shutdown hook closes Streams cleanly
ENTRYPOINT ["java", "-jar", "/opt/streams-suite/app.jar"]
CMD ["/etc/streams-suite/app.properties"]
