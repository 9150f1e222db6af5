package io.partnerhub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProductTest {

    @Test
    void countedProductsByName() {
        assertEquals(Product.MEETINGS, Product.of("MEETINGS"));
        assertEquals(Product.CALLING, Product.of("CALLING"));
    }

    @Test
    void otherProductsAreNotCounted() {
        assertNull(Product.of("MESSAGING"));
        assertNull(Product.of("meetings"));
        assertNull(Product.of(null));
    }

    @Test
    void scopeOfProduct() {
        assertEquals(Contributions.Scope.MEETINGS, Contributions.Scope.of(Product.MEETINGS));
        assertEquals(Contributions.Scope.CALLING, Contributions.Scope.of(Product.CALLING));
    }
}
