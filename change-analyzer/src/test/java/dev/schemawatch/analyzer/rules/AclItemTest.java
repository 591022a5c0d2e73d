package dev.schemawatch.analyzer.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AclItemTest {

    @Test
    void readsGranteePrivilegesAndGrantor() {
        AclItem item = AclItem.parse("app=arwd/app_owner");

        assertThat(item.grantee()).isEqualTo("app");
        assertThat(item.privileges()).containsExactly("INSERT", "SELECT", "UPDATE", "DELETE");
        assertThat(item.grantable()).isEmpty();
        assertThat(item.grantor()).isEqualTo("app_owner");
    }

    @Test
    void anEmptyGranteeIsPublic() {
        assertThat(AclItem.parse("=r/app_owner").grantee()).isNull();
        assertThat(AclItem.parse("=r/app_owner").privileges()).containsExactly("SELECT");
    }

    @Test
    void quotedNamesAndGrantOptionsAreUnderstood() {
        AclItem item = AclItem.parse("\"report \"\"team\"\"\"=r*w/\"the owner\"");

        assertThat(item.grantee()).isEqualTo("report \"team\"");
        assertThat(item.privileges()).containsExactly("SELECT", "UPDATE");
        assertThat(item.grantable()).containsExactly("SELECT");
        assertThat(item.grantor()).isEqualTo("the owner");
    }

    @Test
    void textInAnotherFormatIsNoItem() {
        assertThat(AclItem.parse("app has select")).isNull();
        assertThat(AclItem.parse("app=rq/owner")).isNull();
    }
}
