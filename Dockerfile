# kvstore on the official Payara Micro image (Java 17), on embedded Derby in a volume.
#   mvn -DskipTests package && docker build -t kvstore . && docker run -p 8080:8080 kvstore
# Settings are environment variables (README, "Configuration"), e.g. -e KV_ADMIN_TOKEN=...
FROM payara/micro:6.2025.10-jdk17

# The WAR as ROOT.war, so Payara Micro deploys it at "/"; server-config as pre-boot and post-deploy
# commands.
COPY --chown=payara:payara server-config/pre-boot-commands.asadmin server-config/post-deploy-commands.asadmin /opt/payara/config/
COPY --chown=payara:payara target/uber-jar/ROOT.war /opt/payara/deployments/
RUN mkdir -p /opt/payara/data

ENV KV_DATA_DIR=/opt/payara/data \
    JAVA_TOOL_OPTIONS="-Xmx192m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -Dfish.payara.shutdowngrace=5000 -Dderby.stream.error.file=/opt/payara/data/derby.log"
VOLUME /opt/payara/data
EXPOSE 8080

# The image's entry point is `java -jar payara-micro.jar`; these are its options.
CMD ["--deploymentDir", "/opt/payara/deployments", "--nocluster", "--disablephonehome", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", \
     "--postdeploycommandfile", "/opt/payara/config/post-deploy-commands.asadmin"]
