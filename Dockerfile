# Build with `./mvnw -B package -DskipTests` first; this image only packages the runnable jar.
FROM eclipse-temurin:17.0.15_6-jre
WORKDIR /srv
COPY app/target/app-0.1.0-SNAPSHOT.jar /srv/app.jar
ENV AXON_UPDATE_CHECK_DISABLED=true
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/srv/app.jar"]
