using Confluent.Kafka;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>Which Kafka errors mean "this record will never be accepted" (dead letter) rather than "try again".</summary>
internal static class DeliveryErrors
{
    public static bool IsPermanent(ErrorCode code) => code is
        ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge
        or ErrorCode.TopicAuthorizationFailed or ErrorCode.TopicException or ErrorCode.Local_UnknownTopic
        or ErrorCode.UnknownTopicOrPart or ErrorCode.PolicyViolation or ErrorCode.InvalidRecord
        or ErrorCode.InvalidMsg or ErrorCode.ClusterAuthorizationFailed or ErrorCode.Local_InvalidArg;

    /// <summary>Errors that say the cluster itself cannot be reached.</summary>
    public static bool MeansUnreachable(Error error) => error.Code is
        ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport or ErrorCode.Local_Resolve
        or ErrorCode.Local_TimedOut or ErrorCode.Local_MsgTimedOut;
}
