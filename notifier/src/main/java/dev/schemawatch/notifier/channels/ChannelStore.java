package dev.schemawatch.notifier.channels;

import dev.schemawatch.contracts.envelope.EventJson;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The notifier's channels in its own MongoDB database, secrets included: protect it like a secret store. */
public class ChannelStore {

    static final String CHANNELS = "channels";

    private final MongoTemplate mongo;

    public ChannelStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Channel> all() {
        return mongo.findAll(Document.class, CHANNELS).stream().map(ChannelStore::read).toList();
    }

    public void save(Channel channel) {
        Document document = Document.parse(new String(EventJson.write(channel), StandardCharsets.UTF_8));
        document.remove("id");
        document.put("_id", channel.id());
        mongo.save(document, CHANNELS);
    }

    public void delete(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), CHANNELS);
    }

    private static Channel read(Document document) {
        Document copy = new Document(document);
        copy.put("id", copy.remove("_id"));
        return EventJson.read(copy.toJson().getBytes(StandardCharsets.UTF_8), Channel.class);
    }
}
