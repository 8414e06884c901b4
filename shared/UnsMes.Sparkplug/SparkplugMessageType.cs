namespace UnsMes.Sparkplug;

/// <summary>The Sparkplug verbs of edge node and device topics; member names are the topic segment itself.</summary>
public enum SparkplugMessageType
{
    NBIRTH,
    NDEATH,
    DBIRTH,
    DDEATH,
    NDATA,
    DDATA,
    NCMD,
    DCMD,
}
