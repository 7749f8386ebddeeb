package org.orggroups.api.query;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import org.axonframework.messaging.responsetypes.AbstractResponseType;

/**
 * The response type to send {@code ListGroups} and {@code ListCustomers} with:
 * {@code queryGateway.query(listGroups, PageResponseType.pageOf(GroupSummary.class))}.
 *
 * <p>Needed because Axon 4's {@code ResponseTypes.instanceOf(Page.class)} does not match a handler declared to
 * return the parameterized {@code Page<GroupSummary>} (it answers "No handler found"), and declaring handlers
 * with a raw {@code Page} would give up the item type. This one matches handlers returning {@code Page<X>}
 * where {@code X} is the requested item class or a subtype of it.
 *
 * <p>Only for the in-process query bus this service uses; it is not set up for a distributed one.
 *
 * @param <T> the item type
 */
public final class PageResponseType<T> extends AbstractResponseType<Page<T>> {

    private PageResponseType(Class<T> itemType) {
        super(itemType);
    }

    /**
     * @param itemType the class of the page's items, e.g. {@code GroupSummary.class}
     * @param <T>      the item type
     * @return the response type of a query answered with a {@code Page<T>}
     */
    public static <T> PageResponseType<T> pageOf(Class<T> itemType) {
        return new PageResponseType<>(itemType);
    }

    /**
     * @param handlerReturnType the declared return type of a query handler
     * @return whether it is {@code Page<X>} with {@code X} assignable to the item type
     */
    @Override
    public boolean matches(Type handlerReturnType) {
        return handlerReturnType instanceof ParameterizedType parameterized
                && parameterized.getRawType() == Page.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> itemClass
                && expectedResponseType.isAssignableFrom(itemClass);
    }

    /** @return {@link Page}, the class of the response payload */
    @Override
    @SuppressWarnings("unchecked")
    public Class<Page<T>> responseMessagePayloadType() {
        // The class object of a generic type can only be had through an unchecked cast; items are checked by
        // matches(), which only accepts handlers declared to return pages of the item type.
        return (Class<Page<T>>) (Class<?>) Page.class;
    }

    @Override
    public String toString() {
        return "PageResponseType{" + expectedResponseType.getName() + "}";
    }
}
